/** Vite's `?url` imports: the asset's same-origin URL (used for the pdf.js worker). */
declare module '*?url' {
  const src: string;
  export default src;
}
