import { describe, expect, it } from 'vitest';
import { buildSaktaApi, type ApiTransport } from '../../electron/preload/build-api';
import { CHANNELS, type Channel, type EventName } from '../../shared/ipc/contract';
import { EVENT_NAMES } from '../../shared/ipc/events';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { newVault, PASS } from '../helpers/vault';

/** A transport that records calls and lets the test emit events, like ipcRenderer would. */
function fakeTransport(reply: (c: Channel, r: unknown) => Promise<unknown> = async () => ({ ok: true, value: {} })) {
  const calls: [Channel, unknown][] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const transport: ApiTransport = {
    invoke: (c, r) => {
      calls.push([c, r]);
      return reply(c, r);
    },
    subscribe: (e, l) => {
      const set = listeners.get(e) ?? new Set();
      set.add(l);
      listeners.set(e, set);
      return () => set.delete(l);
    },
    viewerFrameUrl: 'app://pdfview/pdf-frame.html',
    mediaFrameUrl: 'app://mediaview/media-frame.html',
  };
  const emit = (e: string, p: unknown) => listeners.get(e)?.forEach((l) => l(p));
  return { transport, calls, emit, listeners };
}

describe('window.sakta builder', () => {
  it('has one nested method per contract channel, each invoking that channel', async () => {
    const t = fakeTransport();
    const api = buildSaktaApi(CHANNELS, EVENT_NAMES, t.transport) as unknown as Record<string, Record<string, (r?: unknown) => Promise<unknown>>>;
    for (const channel of CHANNELS) {
      const [domain, method] = channel.split('.') as [string, string];
      expect(typeof api[domain]?.[method], channel).toBe('function');
      await api[domain]![method]!({ probe: channel });
    }
    expect(t.calls.map(([c]) => c)).toEqual(CHANNELS);
    expect(t.calls[0]![1]).toEqual({ probe: CHANNELS[0] });
  });

  it('exposes nothing but the domains, `on`, `dropFiles` and the two viewer frame URLs — no invoke, no ipcRenderer, frozen', () => {
    const api = buildSaktaApi(CHANNELS, EVENT_NAMES, fakeTransport().transport) as unknown as Record<string, unknown>;
    const domains = new Set(CHANNELS.map((c) => c.split('.')[0]));
    expect(new Set(Object.keys(api))).toEqual(new Set([...domains, 'on', 'dropFiles', 'viewerFrameUrl', 'mediaFrameUrl']));
    expect(api.viewerFrameUrl).toBe('app://pdfview/pdf-frame.html');
    expect(api.mediaFrameUrl).toBe('app://mediaview/media-frame.html');
    expect(Object.isFrozen(api)).toBe(true);
    expect(() => {
      (api as Record<string, unknown>).invoke = () => {};
    }).toThrow();
  });

  it('turns a failed IPC call into a Result instead of a rejection', async () => {
    const t = fakeTransport(async () => {
      throw new Error("Error invoking remote method 'vault.status': /home/lawyer/secret path");
    });
    const api = buildSaktaApi(CHANNELS, EVENT_NAMES, t.transport);
    const r = await api.vault.status({});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INTERNAL');
      expect(r.error.message).not.toContain('secret');
    }
  });

  it('delivers only the payload of known events and stops after unsubscribe', () => {
    const t = fakeTransport();
    const api = buildSaktaApi(CHANNELS, EVENT_NAMES, t.transport);
    const seen: unknown[] = [];
    const off = api.on('vault.locked', (p) => seen.push(p));
    t.emit('vault.locked', { reason: 'suspend' });
    off();
    off();
    t.emit('vault.locked', { reason: 'user' });
    expect(seen).toEqual([{ reason: 'suspend' }]);
    expect(t.listeners.get('vault.locked')?.size).toBe(0);
  });

  it('refuses to subscribe to names outside the event table', () => {
    const api = buildSaktaApi(CHANNELS, EVENT_NAMES, fakeTransport().transport);
    expect(() => api.on('vault.unlock' as EventName, () => {})).toThrow(/Unknown event/);
    expect(() => api.on('__proto__' as EventName, () => {})).toThrow(/Unknown event/);
  });

  it('drives a real vault through the dispatcher: lock, wrong passphrase, unlock', async () => {
    const { services } = await newVault();
    const dispatch = createDispatcher(createHandlers(services), { allowedOrigins: ['app://sakta'] });
    const api = buildSaktaApi(CHANNELS, EVENT_NAMES, {
      invoke: (c, r) => dispatch(c, r, { origin: 'app://sakta', isMainFrame: true }),
      subscribe: () => () => {},
      viewerFrameUrl: 'app://pdfview/pdf-frame.html',
      mediaFrameUrl: 'app://mediaview/media-frame.html',
    });
    expect(await api.vault.lock({})).toEqual({ ok: true, value: { done: true } });
    const status = await api.vault.status({});
    expect(status.ok && status.value.unlocked).toBe(false);
    const wrong = await api.vault.unlock({ passphrase: `${PASS}!` });
    expect(wrong.ok ? null : wrong.error.code).toBe('WRONG_PASSPHRASE');
    const right = await api.vault.unlock({ passphrase: PASS });
    expect(right.ok).toBe(true);
    services.vault.lock('user');
  });
});
