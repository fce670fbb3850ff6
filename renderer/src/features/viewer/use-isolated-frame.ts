import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { z } from 'zod';

export type FrameSend<T> = (message: T, transfer?: Transferable[]) => void;

/**
 * The one channel to an isolated frame (the PDF frame, the media frame): messages from that iframe's window at
 * the frame's origin only, parsed with the frame protocol's schema, everything else dropped. `onMessage` gets
 * each well-formed one and a way to answer (the frame's `ready` is answered by the caller, once, with the bytes
 * transferred). The latest `onMessage` is used without re-subscribing, so a re-render (a language switch) never
 * makes the page wait for a second `ready` the frame will not send. `send` posts to that origin only.
 */
export function useIsolatedFrame<In, Out>(
  src: string | null,
  schema: z.ZodType<In>,
  onMessage: (m: In, send: FrameSend<Out>) => void,
  active = true,
): { frameRef: RefObject<HTMLIFrameElement | null>; send: FrameSend<Out> } {
  const frameRef = useRef<HTMLIFrameElement>(null);
  const handler = useRef(onMessage);
  handler.current = onMessage;
  const origin = src ? new URL(src).origin : null;
  const send = useCallback<FrameSend<Out>>(
    (m, transfer = []) => {
      if (origin) frameRef.current?.contentWindow?.postMessage(m, origin, transfer);
    },
    [origin],
  );
  useEffect(() => {
    const frame = frameRef.current;
    if (!frame || !origin || !active) return;
    const listener = (event: MessageEvent) => {
      if (event.source !== frame.contentWindow || event.origin !== origin) return;
      const msg = schema.safeParse(event.data);
      if (msg.success) handler.current(msg.data, send);
    };
    window.addEventListener('message', listener);
    return () => window.removeEventListener('message', listener);
  }, [origin, active, schema, send]);
  return { frameRef, send };
}
