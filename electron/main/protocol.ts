import fs from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { APP_SCHEME, resolveAppFile } from './protocol-path';
import { APP_RESPONSE_HEADERS } from './security-policy';

/** Must run before `app.whenReady()`: privileges can only be granted at startup. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, allowServiceWorkers: false, bypassCSP: false, corsEnabled: false, stream: false },
    },
  ]);
}

function refuse(status: number): Response {
  return new Response(null, { status, headers: APP_RESPONSE_HEADERS });
}

/** Serves dist/renderer on the window's own (in-memory) session; nothing outside that folder is reachable. */
export function serveRenderer(session: Session, rendererDir: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    const resolved = resolveAppFile(rendererDir, request.url);
    if (!resolved.ok) return refuse(resolved.status);
    try {
      // A fresh Uint8Array (plain ArrayBuffer) satisfies both the Node and the DOM typing of BodyInit.
      const body = request.method === 'HEAD' ? null : new Uint8Array(await fs.readFile(resolved.file));
      return new Response(body, { status: 200, headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': resolved.mime } });
    } catch {
      return refuse(404);
    }
  });
}
