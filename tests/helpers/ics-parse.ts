/**
 * Reads an .ics file back for the tests, independently of the writer: checks CRLF and the 75-octet limit,
 * unfolds, splits properties and parameters, and unescapes TEXT values.
 */
export interface IcsProp {
  name: string;
  params: Record<string, string>;
  value: string;
}

export function parseIcs(text: string): { events: Record<string, IcsProp>[]; props: IcsProp[] } {
  if (!text.endsWith('\r\n')) throw new Error('not CRLF-terminated');
  const raw = text.slice(0, -2).split('\r\n');
  for (const l of raw) {
    if (l.includes('\n') || l.includes('\r')) throw new Error(`bare line break in ${JSON.stringify(l)}`);
    if (Buffer.byteLength(l, 'utf8') > 75) throw new Error(`line longer than 75 octets: ${l}`);
  }
  const lines: string[] = [];
  for (const l of raw) {
    if (l.startsWith(' ')) lines[lines.length - 1] += l.slice(1);
    else lines.push(l);
  }
  const props = lines.map((l): IcsProp => {
    const colon = l.indexOf(':');
    const [name, ...params] = l.slice(0, colon).split(';');
    return {
      name: name!,
      params: Object.fromEntries(params.map((p) => p.split('=') as [string, string])),
      value: l.slice(colon + 1).replace(/\\(.)/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c)),
    };
  });
  const events: Record<string, IcsProp>[] = [];
  let current: Record<string, IcsProp> | null = null;
  for (const p of props) {
    if (p.name === 'BEGIN' && p.value === 'VEVENT') current = {};
    else if (p.name === 'END' && p.value === 'VEVENT') {
      events.push(current!);
      current = null;
    } else if (current) current[p.name] = p;
  }
  return { events, props };
}
