import path from 'node:path';
import { parseArgs } from 'node:util';
import { isSaktaError, SaktaError } from '../../shared/errors';
import { createNativeCrypto } from '../crypto/native';
import { createAppServices, type AppServices } from '../composition/app-services';
import { knownDbError } from '../db/connection';
import { ALL_COMMANDS } from './commands';
import { EXIT, exitCodeFor } from './exit-codes';
import type { CliCommand, CliContext, OptionSpec } from './registry';
import { promptHidden, readPassphraseFile } from './secrets';
import { escapeUnsafe, safeJson } from '../../shared/safe-text';

type Out = { write(chunk: string): unknown };
/**
 * Every line the CLI prints goes through here: titles, names, file names and error messages are data, and a
 * control or bidirectional character in them (an ESC sequence, U+202E) is printed as a visible `\uXXXX` escape
 * instead of acting on the terminal.
 */
const line = (stream: Out, text: string) => stream.write(escapeUnsafe(text) + '\n');

const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  vault: { type: 'string' },
  'passphrase-file': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

function findCommand(argv: string[]): { command: CliCommand; rest: string[] } | null {
  // Longest match first, so "case add" wins over a hypothetical "case".
  for (const words of [2, 1]) {
    const name = argv.slice(0, words).join(' ');
    const command = ALL_COMMANDS.find((c) => c.name === name);
    if (command) return { command, rest: argv.slice(words) };
  }
  return null;
}

function usage(): string {
  const lines = ALL_COMMANDS.map((c) => `  ${c.name.padEnd(18)} ${c.summary}`);
  return [
    'Sakta — encrypted case files. Usage: sakta COMMAND [options]',
    '',
    ...lines,
    '',
    'Passphrase: SAKTA_PASSPHRASE, --passphrase-file FILE, or a hidden prompt.',
    'Exit codes: 0 ok, 1 error, 2 bad usage, 3 wrong passphrase or key, 4 integrity failure.',
  ].join('\n');
}

export async function runCli(argv: string[], io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  // A closed pipe (`sakta … | head -1`) is reported to the write that hit it (see outConfirmed), not thrown
  // later as an uncaught 'error' event that would end the process mid-operation.
  if (!io.stdout.listenerCount('error')) io.stdout.on('error', () => {});
  const found = findCommand(argv);
  if (!found) {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      io.stdout.write(usage() + '\n');
      return argv.length === 0 ? EXIT.usage : EXIT.ok;
    }
    line(io.stderr, `sakta: unknown command "${argv.slice(0, 2).join(' ')}"; run "sakta --help" for the list`);
    return EXIT.usage;
  }
  const { command, rest } = found;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
  } catch (e) {
    line(io.stderr, `sakta ${command.name}: ${(e as Error).message.split('\n')[0]}`);
    line(io.stderr, `usage: ${command.usage}`);
    return EXIT.usage;
  }
  const values = parsed.values as CliContext['values'];
  if (values.help) {
    io.stdout.write(`${command.usage}\n${command.summary}\n`);
    return EXIT.ok;
  }

  let services: AppServices | undefined;
  const getServices = (): AppServices => {
    const dir = values.vault;
    if (typeof dir !== 'string' || !dir) throw new SaktaError('BAD_REQUEST', `--vault DIR is required (usage: ${command.usage})`);
    services ??= createAppServices({
      vaultDir: path.resolve(dir),
      crypto: createNativeCrypto(),
      allowTestKdf: process.env.SAKTA_TEST_FAST_KDF === '1',
    });
    return services;
  };
  const secret = async (envVar: string, prompt: string): Promise<string> => {
    const fromEnv = process.env[envVar];
    if (fromEnv) return fromEnv;
    if (envVar === 'SAKTA_PASSPHRASE' && typeof values['passphrase-file'] === 'string') return readPassphraseFile(values['passphrase-file']);
    return promptHidden(prompt);
  };
  const ctx: CliContext = {
    values,
    positionals: parsed.positionals,
    out: (text) => line(io.stdout, text),
    json: (v) => io.stdout.write(safeJson(v, 2) + '\n'),
    outConfirmed: (text) =>
      new Promise<void>((resolve, reject) => {
        const lines = text.split('\n').map(escapeUnsafe).join('\n');
        io.stdout.write(lines + '\n', (err) => (err ? reject(new SaktaError('IO_ERROR', `standard output refused the text (${(err as NodeJS.ErrnoException).code ?? 'error'})`)) : resolve()));
      }),
    services: getServices,
    secret,
    async open() {
      const s = getServices();
      if (!s.vault.status().exists) throw new SaktaError('VAULT_NOT_FOUND', `No vault in ${String(values.vault)}.`);
      await s.vault.unlock(await secret('SAKTA_PASSPHRASE', 'Passphrase: '));
      return s;
    },
  };

  try {
    const code = await command.run(ctx);
    return typeof code === 'number' ? code : EXIT.ok;
  } catch (caught) {
    const e = knownDbError(caught) ?? caught;
    if (isSaktaError(e)) {
      line(io.stderr, `sakta ${command.name}: ${e.message}`);
      return exitCodeFor(e.code);
    }
    // Never a stack trace: it could hold paths or data. The code is enough to tell us what kind of failure.
    const code = (e as NodeJS.ErrnoException)?.code;
    line(io.stderr, `sakta ${command.name}: unexpected failure${code ? ` (${code})` : ''}; nothing was changed`);
    return EXIT.error;
  } finally {
    services?.vault.lock('shutdown');
  }
}
