import { expect, test } from './fixtures';
import { TOKEN_HEADER } from '../bridge/server';

// The bridge stands in for Electron's IPC in every e2e test; it must refuse what the real gate refuses.
test('the bridge refuses calls without the token, from another origin, and paths outside the renderer', async ({ bridge }) => {
  const post = (headers: Record<string, string>) =>
    fetch(`${bridge.origin}/ipc/vault.status`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });

  const noToken = await post({ origin: bridge.origin });
  expect(noToken.status).toBe(401);

  const otherOrigin = await post({ origin: 'http://evil.example', [TOKEN_HEADER]: bridge.token });
  expect(otherOrigin.status).toBe(403);
  expect(((await otherOrigin.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN_SENDER');

  const good = await post({ origin: bridge.origin, [TOKEN_HEADER]: bridge.token });
  expect(await good.json()).toEqual({ ok: true, value: { exists: false, unlocked: false } });

  // Strict schemas still apply behind the bridge.
  const extra = await fetch(`${bridge.origin}/ipc/vault.unlock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: bridge.origin, [TOKEN_HEADER]: bridge.token },
    body: JSON.stringify({ passphrase: 'x', extra: 1 }),
  });
  expect(((await extra.json()) as { error: { code: string } }).error.code).toBe('BAD_REQUEST');

  for (const p of ['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/%2e%2e%5cpackage.json']) {
    const r = await fetch(`${bridge.origin}${p}`);
    expect(r.status, p).toBe(404);
  }
  const events = await fetch(`${bridge.origin}/events`);
  expect(events.status).toBe(401);
});

test('the page is served with the CSP and the app has no inline script or style', async ({ app: page, bridge }) => {
  const res = await fetch(bridge.url);
  expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  expect(await page.locator('script:not([src])').count()).toBe(0);
  expect(await page.locator('[style]').count()).toBe(0);
  // The real preload's shape: nested domains, an `on` function, nothing writable.
  const shape = await page.evaluate(() => {
    const s = (window as unknown as { sakta: Record<string, unknown> }).sakta;
    return { domains: Object.keys(s).sort(), frozen: Object.isFrozen(s), unlock: typeof (s.vault as Record<string, unknown>).unlock };
  });
  expect(shape).toEqual({ domains: expect.arrayContaining(['on', 'vault']), frozen: true, unlock: 'function' });
});
