/**
 * Text typed into an open record form and not yet saved. The decision (issue 14): at lock, memory is dropped
 * with the keys, so unsaved text cannot be kept. A lock the lawyer asks for (the Lock button, Ctrl+Shift+L)
 * first asks "Lock anyway / Go back"; a lock she did not ask for (idle, sleep, screen lock, panic) discards
 * the text by design, security before convenience, and the unlock screen says that it did.
 *
 * Every record form is a `form.cw-form`; typing into one marks it. A form that was saved or cancelled has left
 * the page, so only forms still on the page count.
 */
const typedInto = new WeakSet<Element>();
let watching = false;

export function watchTyping(doc: Document = document): void {
  if (watching) return;
  watching = true;
  doc.addEventListener(
    'input',
    (e) => {
      const form = e.target instanceof Element ? e.target.closest('form.cw-form') : null;
      if (form) typedInto.add(form);
    },
    true,
  );
}

/** Whether a record form on the page holds text typed since it opened. */
export function hasUnsavedText(doc: Document = document): boolean {
  return [...doc.querySelectorAll('form.cw-form')].some((f) => typedInto.has(f));
}
