/** Vite's `?url` imports: the asset's same-origin URL (used for the pdf.js worker in the PDF frame). */
declare module '*?url' {
  const src: string;
  export default src;
}
