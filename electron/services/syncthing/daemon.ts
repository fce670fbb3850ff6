import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { daemonEnv } from './config-file';
import { problemInText } from './problems';
import { PingSchema } from './rest-schemas';
import type { SyncthingRest } from './rest-client';
import type { SyncProblemCode } from '../../../shared/schemas/sync-engine';

/** A TCP port on 127.0.0.1 free at the moment of asking (the daemon may still lose it; the caller retries). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const LOG_LINES = 200;
const PID_FILE = 'sakta-daemon.pid';

/**
 * A daemon left running by a Sakta that was killed (SIGKILL, a crash) holds the home's database lock, so a new
 * one could not start. It is ended here, but only when it is provably ours: on Linux its command line names this
 * home; elsewhere the stale pid file is just removed (a reused pid must never be killed).
 */
/** Linux: the process exists and is not yet a zombie (state Z) or dead (X), so it may still hold open files. */
function holdsFiles(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name in brackets may itself hold ") ", so the state is read after the last one.
    const state = stat.slice(stat.lastIndexOf(')') + 2).charAt(0);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

export async function reapStale(home: string): Promise<void> {
  const file = path.join(home, PID_FILE);
  let pid: number;
  try {
    pid = Number(fs.readFileSync(file, 'utf8').trim());
  } catch {
    return;
  }
  if (Number.isInteger(pid) && pid > 1 && process.platform === 'linux') {
    const ours = () => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(`--home=${home}`);
      } catch {
        return false;
      }
    };
    if (ours()) {
      process.kill(pid, 'SIGKILL');
      // Not "until its command line is gone": Linux frees a killed process's memory (and with it the command
      // line) before it closes its files, so the database lock outlives `ours()` by a moment. Once the process
      // is a zombie or gone, every file it held is closed.
      for (let i = 0; i < 200 && holdsFiles(pid); i++) await new Promise((r) => setTimeout(r, 50));
    }
  }
  fs.rmSync(file, { force: true });
}

/**
 * One running Syncthing process. Its output is kept in memory (the last lines, to read problems from) and, only
 * when asked (the office node), appended to one log file; Sakta never writes it elsewhere. Folder ids and paths
 * in it are random, never a case's name.
 */
export class DaemonProcess {
  private readonly lines: string[] = [];
  private partial = '';
  private readonly log: fs.WriteStream | null;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  private readonly child: ChildProcess;
  /** Problems seen in the output (port in use, disk full), newest last. */
  readonly seen: { code: SyncProblemCode; at: Date }[] = [];

  constructor(binary: string, home: string, opts: { logFile?: string; onLine?: (line: string) => void } = {}) {
    this.log = opts.logFile ? fs.createWriteStream(opts.logFile, { flags: 'a', mode: 0o600 }) : null;
    this.child = spawn(binary, ['serve', `--home=${home}`, '--no-browser', '--no-restart', '--logflags=3'], {
      env: daemonEnv(home),
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const take = (chunk: Buffer) => {
      this.log?.write(chunk);
      const text = this.partial + chunk.toString('utf8');
      const parts = text.split('\n');
      this.partial = parts.pop() ?? '';
      for (const line of parts) {
        this.lines.push(line);
        if (this.lines.length > LOG_LINES) this.lines.shift();
        const code = problemInText(line);
        if (code) this.seen.push({ code, at: new Date() });
        opts.onLine?.(line);
      }
    };
    if (this.child.pid) fs.writeFileSync(path.join(home, PID_FILE), String(this.child.pid), { mode: 0o600 });
    this.child.stdout!.on('data', take);
    this.child.stderr!.on('data', take);
    this.exited = new Promise((resolve) => {
      this.child.on('error', () => {
        this.exitInfo = { code: -1, signal: null };
        resolve(this.exitInfo);
      });
      this.child.on('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        fs.rmSync(path.join(home, PID_FILE), { force: true });
        this.log?.end();
        resolve(this.exitInfo);
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exitInfo === null;
  }

  recentLog(): string[] {
    return [...this.lines];
  }

  signal(sig: NodeJS.Signals): void {
    if (this.running) this.child.kill(sig);
  }

  /** Resolves once the REST API answers; rejects (with what the output said) if the process exits first or time runs out. */
  async waitReady(rest: SyncthingRest, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error('exited');
      try {
        await rest.get('/rest/system/ping', PingSchema, { timeoutMs: 2_000 });
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 150));
      }
    }
    throw new Error('timeout');
  }

  /** Asks Syncthing to shut down over REST, then SIGTERM, then SIGKILL, each after its own bound. */
  async stop(rest: SyncthingRest | null, boundMs = 10_000): Promise<void> {
    if (!this.running) return;
    // A daemon stopped with SIGSTOP (the partition tests, a debugger) would hold every later signal but SIGKILL.
    if (process.platform !== 'win32') this.signal('SIGCONT');
    if (rest) await rest.send('POST', '/rest/system/shutdown', undefined, 5_000).catch(() => undefined);
    if (await this.exitsWithin(boundMs)) return;
    this.signal('SIGTERM');
    if (await this.exitsWithin(boundMs)) return;
    this.signal('SIGKILL');
    await this.exited;
  }

  private exitsWithin(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const t = setTimeout(() => resolve(false), ms);
      void this.exited.then(() => {
        clearTimeout(t);
        resolve(true);
      });
    });
  }
}
