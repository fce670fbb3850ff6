import fs from 'node:fs';
import { SaktaError } from '../../shared/errors';

/** Reads a line from the terminal without echoing it. */
export function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) return Promise.reject(new SaktaError('BAD_REQUEST', 'No passphrase given: set SAKTA_PASSPHRASE, use --passphrase-file, or run in a terminal.'));
  return new Promise((resolve, reject) => {
    process.stderr.write(question);
    let value = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          done();
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          done();
          reject(new SaktaError('CANCELLED', 'Cancelled.'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else value += ch;
      }
    };
    const done = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    stdin.on('data', onData);
  });
}

/** A passphrase file holds the passphrase on its first line; the trailing newline is not part of it. */
export function readPassphraseFile(file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new SaktaError('BAD_REQUEST', `Cannot read the passphrase file ${file}.`);
  }
  const line = text.split(/\r?\n/)[0] ?? '';
  if (!line) throw new SaktaError('BAD_REQUEST', 'The passphrase file is empty.');
  return line;
}
