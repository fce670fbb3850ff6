/**
 * Characters that change how text is *shown* rather than what it says: C0/C1 control characters (ESC starts
 * terminal escape sequences that can clear a screen, rewrite a line or set a window title), DEL, the Unicode
 * line/paragraph separators, and the bidirectional controls (U+202E RIGHT-TO-LEFT OVERRIDE turns
 * "invoice\u202Efdp.exe" into what reads as "invoiceexe.pdf"). A case title or a file name never needs one.
 *
 * One list, used three ways: the CLI escapes them in everything it prints, the schemas refuse them in what a
 * user types, and a file name from disk (which the user cannot retype) has them replaced by a visible escape.
 */
const BIDI = '\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069';
const CONTROL_NO_LAYOUT = '\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029';

/** Everything unsafe except tab, newline and carriage return (which long text like notes legitimately holds). */
const UNSAFE_IN_TEXT = new RegExp(`[${CONTROL_NO_LAYOUT}${BIDI}]`, 'u');
const UNSAFE_IN_TEXT_ALL = new RegExp(UNSAFE_IN_TEXT.source, 'gu');
/** Everything unsafe including tab and line breaks: for one printed line or a single-line name. */
const UNSAFE_IN_LINE = new RegExp(`[\\t\\n\\r${CONTROL_NO_LAYOUT}${BIDI}]`, 'gu');

const hex = (c: string) => (c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');

/** `\uXXXX` for each control or bidirectional character: visible, inert, and still tells what was there. */
export function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE_IN_LINE, (c) => `\\u${hex(c)}`);
}

/** The same, keeping tab and line breaks (for text shown as a block, e.g. a note). */
export function escapeUnsafeKeepLayout(text: string): string {
  return text.replace(UNSAFE_IN_LINE, (c) => (c === '\t' || c === '\n' || c === '\r' ? c : `\\u${hex(c)}`));
}

/** True when text holds a control or bidirectional character other than tab, newline or carriage return. */
export function hasUnsafeChars(text: string): boolean {
  return UNSAFE_IN_TEXT.test(text);
}

/** The message a form shows next to a field holding one. */
export const UNSAFE_TEXT_MESSAGE = 'Contains a control or text-direction character (such as ESC or U+202E); remove it';

/**
 * JSON for a terminal or a file: JSON.stringify already escapes C0 controls in strings, not C1, DEL, the
 * separators or bidirectional controls. Each is replaced by its `\uXXXX` escape, which is still valid JSON and
 * parses back to the same value.
 */
export function safeJson(value: unknown, space?: number): string {
  // Tab and line breaks inside strings are already escaped by JSON.stringify; outside them they are layout.
  return JSON.stringify(value, null, space).replace(UNSAFE_IN_TEXT_ALL, (c) => `\\u${hex(c).toLowerCase()}`);
}
