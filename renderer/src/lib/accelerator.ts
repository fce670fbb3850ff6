/**
 * The panic shortcut is stored as an Electron accelerator ("CommandOrControl+Alt+L"), which is what the main
 * process registers. A lawyer never types that: the field records the keys she presses and shows them the way
 * her keyboard names them ("Ctrl+Alt+L", or "⌘⌥L" on a Mac).
 */

export type Recorded = { ok: true; accelerator: string } | { ok: false; reason: 'modifier-only' | 'needs-modifier' | 'unsupported-key' };

export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

const MODIFIER_KEYS = new Set(['Control', 'Meta', 'Alt', 'AltGraph', 'Shift', 'OS']);

/** The accelerator key for a physical key. `code` is used, not `key`, so Cyrillic layouts and Alt combinations
 * (which change `key` to another character) still give the key printed in Latin on the keycap. */
function keyName(code: string): string | null {
  let m = /^Key([A-Z])$/.exec(code);
  if (m) return m[1]!;
  m = /^Digit([0-9])$/.exec(code);
  if (m) return m[1]!;
  m = /^(F(?:[1-9]|1[0-9]|2[0-4]))$/.exec(code);
  if (m) return m[1]!;
  const named: Record<string, string> = {
    Space: 'Space',
    Tab: 'Tab',
    Backspace: 'Backspace',
    Delete: 'Delete',
    Insert: 'Insert',
    Home: 'Home',
    End: 'End',
    PageUp: 'PageUp',
    PageDown: 'PageDown',
    Escape: 'Escape',
    ArrowUp: 'Up',
    ArrowDown: 'Down',
    ArrowLeft: 'Left',
    ArrowRight: 'Right',
    Minus: '-',
    Equal: '=',
    BracketLeft: '[',
    BracketRight: ']',
    Backslash: '\\',
    Semicolon: ';',
    Quote: "'",
    Comma: ',',
    Period: '.',
    Slash: '/',
    Backquote: '`',
  };
  return named[code] ?? null;
}

/** What a key press in the shortcut field records. Ctrl on Windows/Linux and ⌘ on a Mac both become
 * CommandOrControl, so a vault moved between machines keeps a working shortcut. */
export function recordShortcut(e: KeyPress): Recorded {
  if (MODIFIER_KEYS.has(e.key)) return { ok: false, reason: 'modifier-only' };
  const key = keyName(e.code);
  if (!key) return { ok: false, reason: 'unsupported-key' };
  const mods: string[] = [];
  if (e.ctrlKey || e.metaKey) mods.push('CommandOrControl');
  if (e.altKey) mods.push('Alt');
  if (e.shiftKey) mods.push('Shift');
  if (mods.length === 0) return { ok: false, reason: 'needs-modifier' };
  return { ok: true, accelerator: [...mods, key].join('+') };
}

/** An accelerator as the keyboard names it: "Ctrl+Alt+L" on Windows and Linux, "⌘⌥L" on a Mac. */
export function displayShortcut(accelerator: string, mac: boolean): string {
  const parts = accelerator.split('+').filter(Boolean);
  const names = parts.map((p) => {
    switch (p) {
      case 'CommandOrControl':
      case 'CmdOrCtrl':
        return mac ? '⌘' : 'Ctrl';
      case 'Command':
      case 'Cmd':
      case 'Meta':
      case 'Super':
        return mac ? '⌘' : 'Win';
      case 'Control':
      case 'Ctrl':
        return mac ? '⌃' : 'Ctrl';
      case 'Alt':
      case 'Option':
      case 'AltGr':
        return mac ? '⌥' : 'Alt';
      case 'Shift':
        return mac ? '⇧' : 'Shift';
      default:
        return p;
    }
  });
  return mac ? names.join('') : names.join('+');
}
