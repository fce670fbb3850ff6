import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNELS, contract } from '../../shared/ipc/contract';
import { ERROR_CODES } from '../../shared/errors';
import { reportCounts, STRESS } from '../helpers/kill';
import { tmpDir } from '../helpers/tmp';
import { newVault, PASS } from '../helpers/vault';
import { dispatcherFor } from '../helpers/ipc';

const APP = { origin: 'app://sakta', isMainFrame: true };

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out.sort();
}

describe('IPC dispatcher', () => {
  it('serves a real call and returns a Result', async () => {
    const { services } = await newVault();
    const dispatch = dispatcherFor(services, { allowedOrigins: ['app://sakta'] });
    expect(await dispatch('vault.status', {}, APP)).toEqual({ ok: true, value: { exists: true, unlocked: true } });
    expect(await dispatch('vault.lock', {}, APP)).toEqual({ ok: true, value: { done: true } });
    const wrong = await dispatch('vault.unlock', { passphrase: 'nope' }, APP);
    expect(wrong).toEqual({ ok: false, error: { code: 'WRONG_PASSPHRASE', message: expect.any(String) } });
    expect(await dispatch('vault.unlock', { passphrase: PASS }, APP)).toMatchObject({ ok: true });
  });

  it('rejects calls from another origin or from a sub-frame before touching any service', async () => {
    const { services } = await newVault();
    const dispatch = dispatcherFor(services, { allowedOrigins: ['app://sakta'] });
    for (const caller of [
      { origin: 'https://evil.example', isMainFrame: true },
      { origin: 'app://sakta', isMainFrame: false },
      { origin: 'null', isMainFrame: true },
      { origin: 'file://', isMainFrame: true },
    ]) {
      const r = await dispatch('vault.lock', {}, caller);
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    }
    expect(services.vault.status().unlocked).toBe(true); // the lock above never ran
  });

  it('rejects unknown channels, oversized, prototype-laden, cyclic and extra-key payloads with stable codes', async () => {
    const { services } = await newVault();
    const dispatch = dispatcherFor(services, { allowedOrigins: ['app://sakta'] });
    expect(await dispatch('vault.nope', {}, APP)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await dispatch('__proto__', {}, APP)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await dispatch('toString', {}, APP)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await dispatch('vault.unlock', { passphrase: 'x'.repeat(300_000) }, APP)).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(await dispatch('vault.unlock', JSON.parse('{"passphrase":"x","__proto__":{"admin":true}}'), APP)).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(await dispatch('vault.unlock', cyclic, APP)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await dispatch('vault.lock', { extra: 1 }, APP)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('fuzz: every channel answers any payload with a Result carrying a known code, keeps serving, and writes nothing outside the vault', async () => {
    const { services, dir } = await newVault();
    const dispatch = dispatcherFor(services, { allowedOrigins: ['app://sakta'] });
    // The process's temp folder is pointed at an empty folder of its own, so anything written there is ours.
    const privateTmp = tmpDir('sakta-fuzz-tmp-');
    const savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = privateTmp;
    const beside = path.dirname(dir);
    const anyPayload = fc.oneof(
      fc.anything({ withBigInt: true, withMap: true, withSet: true, withTypedArray: true, withDate: true, withNullPrototype: true }),
      fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'passphrase', 'profile', 'current', 'next'), fc.anything()),
      fc.string({ maxLength: 2000 }),
    );
    // Channels that would change or erase the vault for a well-formed payload are fuzzed with bad payloads only
    // through the schema path; what we check is that nothing escapes as an exception and codes stay stable.
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CHANNELS), anyPayload, fc.boolean(), async (channel, payload, mainFrame) => {
        runs++;
        const r = await dispatch(channel, payload, { origin: mainFrame ? 'app://sakta' : 'app://other', isMainFrame: true });
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(ERROR_CODES).toContain(r.error.code);
        if (!r.ok) expect(r.error.message).not.toMatch(/\n\s+at /);
        if (!mainFrame) expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
      }),
      { numRuns: STRESS ? 5000 : 300 },
    );
    // Still serving.
    expect(await dispatch('vault.status', {}, APP)).toMatchObject({ ok: true });
    process.env.TMPDIR = savedTmp;
    expect(os.tmpdir()).not.toBe(privateTmp);
    expect(listFiles(privateTmp)).toEqual([]);
    expect(fs.readdirSync(beside)).toEqual(['vault']);
    reportCounts('ipc-fuzz', { runs, channels: CHANNELS.length });
  });

  it('every channel in the contract has a strict request schema (unknown keys are refused)', () => {
    for (const c of CHANNELS) {
      const schema = contract[c].request;
      const r = schema.safeParse({ __sakta_unknown_key__: 1 });
      expect(r.success, c).toBe(false);
    }
  });
});
