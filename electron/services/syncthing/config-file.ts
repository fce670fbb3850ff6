import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SyncEngineError } from './problems';

export const CONFIG_FILE = 'config.xml';

/** The network behaviour Sakta asks of its Syncthing (docs/sync.md, "Syncthing"). */
export interface NetworkChoice {
  /** Where peers reach this device: `tcp://0.0.0.0:22000` on a laptop, `tcp://127.0.0.1:<port>` in tests. */
  listenAddress: string;
  /** LAN broadcast of this device's id, so laptops on one office network or phone hotspot find each other. */
  localDiscovery: boolean;
}

/**
 * The environment Syncthing runs in: nothing of ours (no passphrase variable, no PATH of the developer), its own
 * home as HOME, and the switches that keep it a single process (STMONITORED: no monitor process, so a signal
 * reaches the daemon itself) that never restarts or upgrades itself.
 */
export function daemonEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { HOME: home, STMONITORED: 'yes', STNORESTART: '1', STNOUPGRADE: '1', STNODEFAULTFOLDER: '1', LANG: 'C.UTF-8' };
  if (process.env.TMPDIR) env.TMPDIR = process.env.TMPDIR;
  if (process.platform === 'win32') for (const k of ['SystemRoot', 'LOCALAPPDATA', 'APPDATA', 'USERPROFILE']) if (process.env[k]) env[k] = process.env[k];
  return env;
}

/** Creates the key pair and config in `home` the first time (Syncthing's own `generate`); nothing when it exists. */
export function ensureGenerated(binary: string, home: string): void {
  if (fs.existsSync(path.join(home, CONFIG_FILE)) && fs.existsSync(path.join(home, 'cert.pem'))) return;
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  // The web GUI gets a random password nobody keeps (read from stdin, never on a command line): Sakta talks to the REST
  // API with its key, and another program or user of this machine opening 127.0.0.1:<port> meets a login.
  const r = spawnSync(binary, ['generate', `--home=${home}`, '--no-default-folder', '--skip-port-probing', '--gui-user=sakta', '--gui-password=-'], {
    env: daemonEnv(home),
    encoding: 'utf8',
    input: crypto.randomBytes(32).toString('base64url') + '\n',
    timeout: 60_000,
  });
  if (r.error || r.status !== 0) throw new SyncEngineError('ENGINE_FAILED', `syncthing generate failed: ${(r.stderr || r.error?.message || '').trim().slice(0, 200)}`);
}

/** Replaces every `<tag>…</tag>` inside `<options>`; a tag Syncthing did not write is an error, not a silent skip. */
function setOption(xml: string, tag: string, value: string): string {
  const re = new RegExp(`<${tag}>[^<]*</${tag}>`, 'g');
  if (!re.test(xml)) throw new SyncEngineError('ENGINE_FAILED', `config.xml has no <${tag}>`);
  return xml.replace(re, () => `<${tag}>${value}</${tag}>`);
}

/**
 * Writes, before the daemon starts, what must hold from its first second: the GUI/REST on 127.0.0.1 with this run's
 * port and key, no global discovery, relays, NAT traversal, STUN, usage or crash reports, no upgrade checks, the
 * listen address and local discovery as chosen, and a device name that says nothing (peers see it; the hostname
 * would name the lawyer's machine). The same options are set again over REST once it answers, and read back.
 */
export function writeStartConfig(home: string, gui: { port: number; apiKey: string }, net: NetworkChoice): void {
  const file = path.join(home, CONFIG_FILE);
  let xml = fs.readFileSync(file, 'utf8');
  const guiBlock = /(<gui\b[^>]*>)([\s\S]*?)(<\/gui>)/;
  const m = guiBlock.exec(xml);
  if (!m) throw new SyncEngineError('ENGINE_FAILED', 'config.xml has no <gui>');
  const inner = m[2]!
    .replace(/<address>[^<]*<\/address>/, () => `<address>127.0.0.1:${gui.port}</address>`)
    .replace(/<apikey>[^<]*<\/apikey>/, () => `<apikey>${gui.apiKey}</apikey>`);
  if (!inner.includes(`<apikey>${gui.apiKey}</apikey>`) || !inner.includes(`127.0.0.1:${gui.port}`)) throw new SyncEngineError('ENGINE_FAILED', 'config.xml <gui> lacks address or apikey');
  // A function, not a string: the GUI password's bcrypt hash ($2a$10$…) must not read as `$2` group references.
  xml = xml.replace(guiBlock, () => `${m[1]!.replace(/tls="true"/, 'tls="false"')}${inner}${m[3]!}`);
  // One listen address, whatever was there before.
  xml = xml.replace(/(\s*<listenAddress>[^<]*<\/listenAddress>)+/, () => `\n        <listenAddress>${escapeXml(net.listenAddress)}</listenAddress>`);
  for (const [tag, value] of Object.entries(privacyOptions(net))) xml = setOption(xml, tag, value);
  // This device's own name, as peers are shown it.
  xml = xml.replace(/(<device id="[^"]+" name=")[^"]*(")/, '$1Sakta$2');
  fs.writeFileSync(file, xml, { mode: 0o600 });
}

function privacyOptions(net: NetworkChoice): Record<string, string> {
  return {
    globalAnnounceEnabled: 'false',
    localAnnounceEnabled: String(net.localDiscovery),
    relaysEnabled: 'false',
    natEnabled: 'false',
    urAccepted: '-1',
    crashReportingEnabled: 'false',
    autoUpgradeIntervalH: '0',
    startBrowser: 'false',
    stunKeepaliveStartS: '0',
  };
}

/** The same choices as a PATCH of `/rest/config/options`. */
export function optionsPatch(net: NetworkChoice) {
  return {
    listenAddresses: [net.listenAddress],
    globalAnnounceEnabled: false,
    localAnnounceEnabled: net.localDiscovery,
    relaysEnabled: false,
    natEnabled: false,
    urAccepted: -1,
    crashReportingEnabled: false,
    autoUpgradeIntervalH: 0,
    startBrowser: false,
    stunKeepaliveStartS: 0,
  };
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
