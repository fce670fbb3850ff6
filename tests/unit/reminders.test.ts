import { describe, expect, it } from 'vitest';
import type { AgendaDeadline, AgendaHearing } from '../../shared/schemas/agenda';
import { reminderTexts } from '../../shared/reminders';

const stamp = '2026-01-01T00:00:00Z';
const hearing = (date: string, caseTitle: string): AgendaHearing => ({
  id: crypto.randomUUID(),
  caseId: crypto.randomUUID(),
  date,
  time: '10:00',
  body: 'Первомайский районный суд',
  room: '12',
  judgePersonId: null,
  proceedingId: null,
  purpose: 'Допрос свидетеля Асанова',
  outcome: null,
  status: 'scheduled',
  createdAt: stamp,
  updatedAt: stamp,
  caseTitle,
  caseRef: 'UD-77/2024',
});
const deadline = (dueOn: string, what: string, done = false): AgendaDeadline => ({
  id: crypto.randomUUID(),
  caseId: crypto.randomUUID(),
  dueOn,
  what,
  proceedingId: null,
  rule: 'УПК ст. 435',
  done,
  doneAt: null,
  createdAt: stamp,
  updatedAt: stamp,
  caseTitle: 'Пытки в ИВС — Асанов',
  caseRef: 'UD-77/2024',
});

const data = {
  today: '2026-03-10',
  hearings: [hearing('2026-03-11', 'Пытки в ИВС — Асанов'), hearing('2026-03-11', 'Дело Маматова'), hearing('2026-03-20', 'Дело Садыковой')],
  dueSoon: [deadline('2026-03-10', 'Апелляционная жалоба Асанова'), deadline('2026-03-12', 'Ходатайство'), deadline('2026-03-12', 'Сделано', true)],
  overdue: [deadline('2026-03-01', 'Жалоба в прокуратуру')],
};

describe('reminderTexts', () => {
  it('counts hearings and deadlines by day within the lead times, in English', () => {
    const texts = reminderTexts(data, { hearingLeadDays: 1, deadlineLeadDays: 2, lang: 'en' }).map((r) => r.text);
    expect(texts).toEqual([
      'Sakta: 1 deadline is overdue',
      'Sakta: 2 hearings tomorrow',
      'Sakta: 1 deadline due today',
      'Sakta: 1 deadline due in 2 days',
    ]);
  });

  it('speaks Russian with correct plural forms', () => {
    const texts = reminderTexts(data, { hearingLeadDays: 14, deadlineLeadDays: 0, lang: 'ru' }).map((r) => r.text);
    expect(texts).toEqual(['Sakta: 1 срок пропущен', 'Sakta: 2 заседания завтра', 'Sakta: 1 заседание через 10 дней', 'Sakta: 1 срок истекает сегодня']);
  });

  it('never names a client, a case, a court, a purpose or a reference', () => {
    const all = [
      ...reminderTexts(data, { hearingLeadDays: 30, deadlineLeadDays: 30, lang: 'en' }),
      ...reminderTexts(data, { hearingLeadDays: 30, deadlineLeadDays: 30, lang: 'ru' }),
    ];
    expect(all.length).toBeGreaterThan(4);
    for (const r of all) {
      for (const secret of ['Асанов', 'Маматов', 'Садыков', 'ИВС', 'суд', 'UD-77', 'УПК', 'Жалоба', 'Ходатайство', '12']) {
        expect(r.text).not.toContain(secret);
        expect(r.key).not.toContain(secret);
      }
    }
  });

  it('does not remind of a cancelled hearing', () => {
    const cancelled = { ...hearing('2026-03-11', 'Дело Маматова'), status: 'cancelled' as const };
    const texts = reminderTexts({ ...data, hearings: [hearing('2026-03-11', 'Пытки в ИВС — Асанов'), cancelled] }, { hearingLeadDays: 1, deadlineLeadDays: 0, lang: 'en' }).map((r) => r.text);
    expect(texts).toContain('Sakta: 1 hearing tomorrow');
    expect(texts).not.toContain('Sakta: 2 hearings tomorrow');
  });

  it('says nothing when nothing is due within the lead times', () => {
    const quiet = { today: '2026-03-10', hearings: [hearing('2026-03-20', 'x')], dueSoon: [deadline('2026-03-12', 'y', true)], overdue: [] };
    expect(reminderTexts(quiet, { hearingLeadDays: 1, deadlineLeadDays: 5, lang: 'en' })).toEqual([]);
  });
});
