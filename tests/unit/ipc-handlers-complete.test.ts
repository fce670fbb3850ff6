import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The compiler proves every channel is served: createHandlers is typed `Handlers` (complete, not Partial),
 * so adding a channel to shared/ipc/contract.ts without a handler must fail typecheck. This compiles the
 * real electron/ipc/handlers/index.ts twice with the TypeScript API: once as it is (no error), once with the
 * fixture's channel spread into the contract (an error naming that channel).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const contractFile = path.join(root, 'shared/ipc/contract.ts');
const handlersFile = path.join(root, 'electron/ipc/handlers/index.ts');

function handlerErrors(patchContract?: (source: string) => string): string[] {
  const { config } = ts.readConfigFile(path.join(root, 'electron/tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, path.join(root, 'electron'));
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (f) => {
    const text = read(f);
    return patchContract && text !== undefined && path.resolve(f) === contractFile ? patchContract(text) : text;
  };
  const getSource = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, onError, fresh) =>
    path.resolve(f) === contractFile && patchContract ? ts.createSourceFile(f, host.readFile(f)!, lang) : getSource(f, lang, onError, fresh);
  const program = ts.createProgram([handlersFile], options, host);
  const diagnostics = program.getSemanticDiagnostics(program.getSourceFile(handlersFile));
  return diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('createHandlers serves every contract channel', () => {
  // Two full compiles of electron/ on a shared 2-core machine: allow them time.
  it('compiles as it is', { timeout: 240_000 }, () => {
    expect(handlerErrors()).toEqual([]);
  });

  it('fails to compile when the contract gains a channel without a handler', { timeout: 240_000 }, () => {
    const fixture = path.join(root, 'tests/fixtures/ipc/unserved-channel.ts');
    expect(fs.existsSync(fixture)).toBe(true);
    const errors = handlerErrors((src) => {
      const withImport = `import { unservedChannels } from '../../tests/fixtures/ipc/unserved-channel';\n${src}`;
      const patched = withImport.replace('export const contract = {', 'export const contract = {\n  ...unservedChannels,');
      expect(patched).not.toBe(withImport);
      return patched;
    });
    expect(errors.join('\n')).toMatch(/Property '"fixture\.ping"' is missing .* required in type 'Handlers'/);
  });
});
