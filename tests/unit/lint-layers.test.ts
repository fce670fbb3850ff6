import fs from 'node:fs';
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

describe('electron/ layering: crypto → base → vault → db → blobs → services → ipc → composition → main, cli', () => {
  /** Each boundary as [lower, upper]: the lower may not import the upper, the upper may import the lower. */
  const boundaries = [
    ['crypto', 'base'],
    ['base', 'vault'],
    ['vault', 'db'],
    ['db', 'blobs'],
    ['blobs', 'services'],
    ['services', 'ipc'],
    ['ipc', 'composition'],
    ['composition', 'main'],
    ['composition', 'cli'],
  ] as const;

  it.each(boundaries)('electron/%s may not import electron/%s', async (lower, upper) => {
    expect(await rulesHit(`electron/${lower}/x.ts`, `import { y } from '../${upper}/y';${use('y')}`)).toContain('no-restricted-imports');
  });

  it.each(boundaries)('electron/%s may be imported by electron/%s', async (lower, upper) => {
    expect(await rulesHit(`electron/${upper}/x.ts`, `import { y } from '../${lower}/y';${use('y')}`)).toEqual([]);
  });

  it('a layer may not skip upwards either, nor get there by type imports, re-exports or a climb through the repo root', async () => {
    expect(await rulesHit('electron/crypto/x.ts', `import { createAppServices } from '../composition/app-services';${use('createAppServices')}`)).toContain('no-restricted-imports');
    expect(await rulesHit('electron/blobs/x.ts', `import type { VaultSession } from '../services/vault-service';\nexport type S = VaultSession;\n`)).toContain('no-restricted-imports');
    expect(await rulesHit('electron/services/x.ts', `export { createDispatcher } from '../ipc/dispatcher';\n`)).toContain('no-restricted-imports');
    expect(await rulesHit('electron/blobs/x.ts', `import { V } from '../../electron/services/vault-service';${use('V')}`)).toContain('no-restricted-imports');
    expect(await rulesHit('electron/db/x.ts', `import { ensureDir } from '../../electron/base/fs-atomic';${use('ensureDir')}`)).toEqual([]);
  });

  it('holds in subfolders, judging a relative import by where it lands', async () => {
    const file = 'electron/services/cases/x.ts';
    expect(await rulesHit(file, `import { createHandlers } from '../../ipc/handlers';${use('createHandlers')}`)).toContain('no-restricted-imports');
    expect(await rulesHit(file, `import { AppServices } from '../../composition/app-services';${use('AppServices')}`)).toContain('no-restricted-imports');
    // Inside services, a sibling folder and the service next door are the same layer.
    expect(await rulesHit(file, `import { ChangeWriter } from '../changes/change-writer';\nimport { VaultService } from '../vault-service';\nexport const used = [ChangeWriter, VaultService];\n`)).toEqual([]);
    expect(await rulesHit(file, `import { blobFilePath } from '../../blobs/blob-format';${use('blobFilePath')}`)).toEqual([]);
    // A subfolder that happens to share a layer's name is not that layer.
    expect(await rulesHit(file, `import { x } from '../main/x';${use('x')}`)).toEqual([]);
    expect(await rulesHit('electron/ipc/handlers/x.ts', `import { x } from '../../main/ipc';${use('x')}`)).toContain('no-restricted-imports');
    expect(await rulesHit('electron/services/bundles/pdf/x.ts', `import { x } from '../../../ipc/dispatcher';${use('x')}`)).toContain('no-restricted-imports');
  });

  it('main and cli do not import each other; preload imports only shared/', async () => {
    expect(await rulesHit('electron/main/x.ts', `import { run } from '../cli/main';${use('run')}`)).toContain('no-restricted-imports');
    expect(await rulesHit('electron/cli/x.ts', `import { x } from '../main/window';${use('x')}`)).toContain('no-restricted-imports');
    expect(await rulesHit('electron/preload/x.ts', `import { x } from '../services/vault-service';${use('x')}`)).toContain('no-restricted-imports');
    expect(await rulesHit('electron/preload/x.ts', `import { x } from '../main/ipc';${use('x')}`)).toContain('no-restricted-imports');
    expect(await rulesHit('electron/preload/x.ts', `import { contract } from '../../shared/ipc/contract';${use('contract')}`)).toEqual([]);
    expect(await rulesHit('electron/main/x.ts', `import { y } from '../../renderer/src/y';${use('y')}`)).toContain('no-restricted-imports');
  });

  // A folder added to electron/ without a place in the layers, or nested deeper than the rules reach, would
  // escape them silently: every real folder at its deepest must be held to its layer.
  const folders = fs.readdirSync(path.join(root, 'electron'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  const deepest = (dir: string): string[] => {
    const subs = fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory());
    return subs.map((d) => [d.name, ...deepest(path.join(dir, d.name))]).reduce<string[]>((a, b) => (b.length > a.length ? b : a), []);
  };
  it.each(folders)('electron/%s is held to its layer down to its deepest folder', async (folder) => {
    const above = folder === 'main' ? 'cli' : 'main';
    const sub = deepest(path.join(root, 'electron', folder));
    const climb = '../'.repeat(sub.length + 1);
    expect(await rulesHit(['electron', folder, ...sub, 'x.ts'].join('/'), `import { y } from '${climb}${above}/y';${use('y')}`)).toContain('no-restricted-imports');
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
