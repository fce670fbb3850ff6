import { describe, expect, it } from 'vitest';
import { displayShortcut, recordShortcut, type KeyPress } from './accelerator';

const press = (code: string, key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  code,
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('the panic shortcut field', () => {
  it('records pressed keys as an accelerator the main process can register', () => {
    expect(recordShortcut(press('KeyL', 'l', { ctrlKey: true, altKey: true }))).toEqual({ ok: true, accelerator: 'CommandOrControl+Alt+L' });
    expect(recordShortcut(press('F12', 'F12', { ctrlKey: true, shiftKey: true }))).toEqual({ ok: true, accelerator: 'CommandOrControl+Shift+F12' });
    // ⌘ on a Mac is the same shortcut as Ctrl elsewhere.
    expect(recordShortcut(press('KeyL', 'l', { metaKey: true, altKey: true }))).toEqual({ ok: true, accelerator: 'CommandOrControl+Alt+L' });
  });

  it('reads the key from its place on the keyboard, so a Russian layout records the same shortcut', () => {
    expect(recordShortcut(press('KeyL', 'д', { ctrlKey: true, altKey: true }))).toEqual({ ok: true, accelerator: 'CommandOrControl+Alt+L' });
    expect(recordShortcut(press('Digit9', '9', { altKey: true }))).toEqual({ ok: true, accelerator: 'Alt+9' });
  });

  it('refuses a key alone, a modifier alone and keys it cannot register', () => {
    expect(recordShortcut(press('KeyL', 'l'))).toEqual({ ok: false, reason: 'needs-modifier' });
    expect(recordShortcut(press('ControlLeft', 'Control', { ctrlKey: true }))).toEqual({ ok: false, reason: 'modifier-only' });
    expect(recordShortcut(press('IntlBackslash', '<', { ctrlKey: true }))).toEqual({ ok: false, reason: 'unsupported-key' });
  });

  it('shows the shortcut as the keyboard names it', () => {
    expect(displayShortcut('CommandOrControl+Alt+L', false)).toBe('Ctrl+Alt+L');
    expect(displayShortcut('CommandOrControl+Alt+L', true)).toBe('⌘⌥L');
    expect(displayShortcut('CommandOrControl+Shift+F12', false)).toBe('Ctrl+Shift+F12');
  });
});
