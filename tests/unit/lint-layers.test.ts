import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Proves the layer rules in eslint.config.js on small snippets linted as if they lived in each folder,
 * so a rule that silently stops matching (a glob typo, a renamed folder) fails here.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function rulesHit(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  const fatal = result!.messages.filter((m) => m.fatal);
  expect(fatal, `parse error in snippet for ${filePath}`).toEqual([]);
  expect(result!.messages.some((m) => /ignored/i.test(m.message)), `${filePath} is ignored by the config`).toBe(false);
  return result!.messages.map((m) => m.ruleId ?? '?');
}

const use = (name: string) => `\nexport const used = ${name};\n`;

describe('renderer/ layer', () => {
  const file = 'renderer/src/features/cases/CaseList.tsx';
  it.each([
    [`import { ipcRenderer } from 'electron';${use('ipcRenderer')}`],
    [`import fs from 'node:fs';${use('fs')}`],
    [`import fs from 'fs';${use('fs')}`],
    [`import path from 'path';${use('path')}`],
    [`import { exec } from 'child_process';${use('exec')}`],
    [`import { readFile } from 'fs/promises';${use('readFile')}`],
    [`import { VaultService } from '../../../../electron/services/vault-service';${use('VaultService')}`],
    [`export { createNativeCrypto } from '../../../electron/crypto/native';`],
  ])('reports %s', async (code) => {
    expect(await rulesHit(file, code)).toContain('no-restricted-imports');
  });

  it('allows shared/ and ordinary packages', async () => {
    const code = `import { useState } from 'react';\nimport type { Result } from '../../../../shared/result';\nexport function f(r: Result<number>) { const [s] = useState(r); return s; }\n`;
    expect(await rulesHit(file, code)).toEqual([]);
  });

  it('forbids dangerouslySetInnerHTML', async () => {
    const code = `export function Note({ html }: { html: string }) { return <div dangerouslySetInnerHTML={{ __html: html }} />; }\n`;
    expect(await rulesHit(file, code)).toContain('no-restricted-syntax');
  });
});

describe('shared/ layer', () => {
  const file = 'shared/schemas/case.ts';
  it.each([
    [`import { app } from 'electron';${use('app')}`],
    [`import fs from 'node:fs';${use('fs')}`],
    [`import fs from 'fs';${use('fs')}`],
    [`import { useState } from 'react';${use('useState')}`],
    [`import { x } from '../electron/services/x';${use('x')}`],
    [`import { y } from '../../renderer/src/y';${use('y')}`],
  ])('reports %s', async (code) => {
    expect(await rulesHit(file, code)).toContain('no-restricted-imports');
  });

  it('allows zod and relative shared paths', async () => {
    const code = `import { z } from 'zod';\nimport { ERROR_CODES } from '../errors';\nimport { ok } from './local';\nexport const s = z.enum(ERROR_CODES);\nexport const o = ok;\n`;
    expect(await rulesHit(file, code)).toEqual([]);
  });
});

describe('electron/ layers', () => {
  it.each(['services/case-service.ts', 'crypto/native.ts', 'db/connection.ts', 'vault/header.ts', 'blobs/store.ts', 'cli/main.ts', 'ipc/dispatcher.ts'])(
    'electron/%s may not import electron',
    async (f) => {
      expect(await rulesHit(`electron/${f}`, `import { app } from 'electron';${use('app')}`)).toContain('no-restricted-imports');
    },
  );

  it('services may not reach into the Electron shell but may use Node', async () => {
    expect(await rulesHit('electron/ipc/handlers/x.ts', `import { sendEvent } from '../../main/ipc';${use('sendEvent')}`)).toContain('no-restricted-imports');
    expect(await rulesHit('electron/services/x.ts', `import fs from 'node:fs';${use('fs')}`)).toEqual([]);
  });

  it('main and preload may import electron', async () => {
    expect(await rulesHit('electron/main/window.ts', `import { BrowserWindow } from 'electron';${use('BrowserWindow')}`)).toEqual([]);
    expect(await rulesHit('electron/preload/index.ts', `import { contextBridge } from 'electron';${use('contextBridge')}`)).toEqual([]);
  });
});

describe('everywhere', () => {
  it.each(['electron/main/x.ts', 'renderer/src/x.ts', 'tests/unit/x.ts'])('forbids innerHTML/outerHTML assignment in %s', async (f) => {
    expect(await rulesHit(f, `export function f(el: { innerHTML: string }, s: string) { el.innerHTML = s; }\n`)).toContain('no-restricted-syntax');
    expect(await rulesHit(f, `export function f(el: { outerHTML: string }, s: string) { el.outerHTML = s; }\n`)).toContain('no-restricted-syntax');
  });

  it('still catches a comparison used as a statement, and allows _-prefixed unused arguments', async () => {
    expect(await rulesHit('electron/main/x.ts', `export function f(a: number, b: number) { a === b; }\n`)).toContain('no-restricted-syntax');
    expect(await rulesHit('electron/main/x.ts', `export function f(_a: number, b: number) { return b; }\n`)).toEqual([]);
  });

  it('allows `any` only with a disable comment', async () => {
    expect(await rulesHit('electron/main/x.ts', `export const x: any = 1;\n`)).toContain('@typescript-eslint/no-explicit-any');
    expect(await rulesHit('electron/main/x.ts', `// eslint-disable-next-line @typescript-eslint/no-explicit-any\nexport const x: any = 1;\n`)).toEqual([]);
  });
});
