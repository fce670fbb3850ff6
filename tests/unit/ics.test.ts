import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, toIcs } from '../../electron/services/exports/ics';
import { parseIcs } from '../helpers/ics-parse';

describe('iCalendar writer (RFC 5545)', () => {
  it('escapes backslash, semicolon, comma and line breaks in TEXT', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds at 75 octets and never inside a Cyrillic character', () => {
    const line = `SUMMARY:${'Заседание по делу Турсунова, '.repeat(6)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
    // Every part is whole UTF-8: no replacement characters after a round trip through bytes.
    for (const p of parts) expect(Buffer.from(p, 'utf8').toString('utf8')).toBe(p);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
  });

  it('writes a calendar that reads back: timed and all-day entries, stable UIDs, DTSTAMP in UTC, a cancelled hearing', () => {
    const long = 'Допрос свидетеля Асанова; осмотр вещественных доказательств, часть 2\nзал 12';
    const text = toIcs(
      [
        { uid: 'hearing-1@sakta', date: '2030-04-02', time: '10:30', summary: 'Заседание — дело АП-77', description: long, location: 'Первомайский районный суд, зал 12' },
        { uid: 'deadline-2@sakta', date: '2030-05-01', time: null, summary: 'Срок — дело АП-77' },
        { uid: 'hearing-3@sakta', date: '2030-06-01', time: '09:00', summary: 'Hearing', cancelled: true },
      ],
      new Date('2026-12-06T20:35:07.123Z'),
    );
    const { events, props } = parseIcs(text);
    expect(props[0]).toMatchObject({ name: 'BEGIN', value: 'VCALENDAR' });
    expect(props.find((p) => p.name === 'VERSION')?.value).toBe('2.0');
    expect(events).toHaveLength(3);
    expect(events[0]!['UID']!.value).toBe('hearing-1@sakta');
    expect(events[0]!['DTSTAMP']!.value).toBe('20261206T203507Z');
    expect(events[0]!['DTSTART']!.value).toBe('20300402T103000');
    expect(events[0]!['DESCRIPTION']!.value).toBe(long);
    expect(events[0]!['LOCATION']!.value).toBe('Первомайский районный суд, зал 12');
    expect(events[1]!['DTSTART']).toMatchObject({ params: { VALUE: 'DATE' }, value: '20300501' });
    expect(events[1]!['DTEND']).toMatchObject({ params: { VALUE: 'DATE' }, value: '20300502' });
    expect(events[1]!['SUMMARY']!.value).toBe('Срок — дело АП-77');
    expect(events[2]!['STATUS']!.value).toBe('CANCELLED');
  });
});
