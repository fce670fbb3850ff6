import { SaktaError } from '../../shared/errors';
import type { AppServices } from '../composition/app-services';

export type OptionSpec = { type: 'string' | 'boolean'; multiple?: boolean; short?: string };
export type OptionValues = Record<string, string | boolean | string[] | undefined>;

/** An option's value when it is a non-empty string, else undefined. */
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** A required option's value: BAD_REQUEST naming the option and the command's usage when it is missing or empty. */
export function requiredOption(ctx: { values: OptionValues }, name: string, usage: string): string {
  const v = str(ctx.values[name]);
  if (!v) throw new SaktaError('BAD_REQUEST', `--${name} is required (usage: ${usage})`);
  return v;
}

export interface CliContext {
  values: OptionValues;
  positionals: string[];
  /** One line to stdout. */
  out(line: string): void;
  /**
   * Lines to stdout, resolved only once the operating system took them; IO_ERROR when it refused them
   * (EPIPE: the reader is gone). For output that must not be lost, such as a recovery key.
   */
  outConfirmed(text: string): Promise<void>;
  /** Pretty JSON to stdout (for --json). */
  json(value: unknown): void;
  /** Services over --vault, unlocked with the passphrase (env, --passphrase-file, or a hidden prompt). */
  open(): Promise<AppServices>;
  /** Services over --vault, still locked (for init, recover). */
  services(): AppServices;
  /** A secret from an environment variable, else a hidden prompt on a TTY; BAD_REQUEST when neither. */
  secret(envVar: string, prompt: string): Promise<string>;
}

export interface CliCommand {
  /** Words as typed: "init", "case add". */
  name: string;
  summary: string;
  usage: string;
  options: Record<string, OptionSpec>;
  run(ctx: CliContext): Promise<number | void>;
}
