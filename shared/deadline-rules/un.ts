import type { z } from 'zod';
import type { RuleSetSchema } from '../schemas/deadline-rules';

/**
 * UN treaty bodies: the Human Rights Committee (ICCPR Optional Protocol) and the Committee against
 * Torture (CAT art. 22). None of these could be checked against an official text while writing them
 * (no access to the treaties or the rules of procedure here), so every one is `verified: false` and
 * the interface says so. The Committees' own letters set most working time limits; these are the
 * fixed ones. Counted as plain calendar periods: no rule of theirs moves a last day off a weekend.
 */
const OP = { ru: 'Факультативный протокол к МПГПП', en: 'Optional Protocol to the ICCPR' };
const HRC_RULES = { ru: 'Правила процедуры Комитета по правам человека (CCPR/C/3)', en: 'Rules of procedure of the Human Rights Committee (CCPR/C/3)' };
const CAT = { ru: 'Конвенция против пыток', en: 'Convention against Torture' };
const UNVERIFIED = 'Not verified: the official text could not be reached while this rule was written. Check it before relying on it.';

export const un = {
  id: 'un',
  version: '2026-12-06.1',
  title: { ru: 'Договорные органы ООН', en: 'UN treaty bodies' },
  calendar: null,
  rules: [
    {
      id: 'un.hrc-submission',
      title: { ru: 'Сообщение в Комитет по правам человека', en: 'Communication to the Human Rights Committee' },
      trigger: { eventTypes: ['decision'], act: 'domestic_remedies_exhausted', startsFrom: 'received' },
      period: { amount: 5, unit: 'years' },
      counting: 'calendar',
      actor: 'lawyer',
      action: {
        ru: 'Направить сообщение (позже — риск признания злоупотреблением правом на подачу, если нет обоснования задержки)',
        en: 'Submit the communication (later risks inadmissibility as an abuse of the right of submission unless the delay is justified)',
      },
      before: { ru: 'Комитет по правам человека ООН', en: 'UN Human Rights Committee' },
      extendable: { ru: 'Задержку можно обосновать; 3 года после иной международной процедуры', en: 'A delay may be justified; 3 years after another international procedure' },
      restorable: null,
      citation: {
        article: 'rule 99(c)',
        law: HRC_RULES,
        versionDate: '2019-01-04',
        verified: false,
        note: `${UNVERIFIED} Rule 96(c) in the 2012 numbering (CCPR/C/3/Rev.10); the number in force is to be confirmed.`,
      },
    },
    {
      id: 'un.hrc-state-reply',
      title: { ru: 'Ответ государства на сообщение (КПЧ)', en: 'State party’s reply to a communication (HRC)' },
      trigger: { eventTypes: ['decision', 'other'], act: 'un_communication_transmitted', startsFrom: 'received' },
      period: { amount: 6, unit: 'months' },
      counting: 'calendar',
      actor: 'state',
      action: { ru: 'Ожидать письменные объяснения государства; затем подготовить комментарии', en: 'Expect the State’s written explanations; then prepare comments' },
      before: { ru: 'Комитет по правам человека ООН', en: 'UN Human Rights Committee' },
      extendable: null,
      restorable: null,
      citation: { article: 'art. 4(2)', law: OP, versionDate: '1966-12-16', verified: false, note: UNVERIFIED },
    },
    {
      id: 'un.hrc-follow-up',
      title: { ru: 'Информация государства о выполнении соображений', en: 'State’s follow-up information on the Views' },
      trigger: { eventTypes: ['decision', 'other'], act: 'un_views_adopted', startsFrom: 'received' },
      period: { amount: 180, unit: 'days' },
      counting: 'calendar',
      actor: 'state',
      action: { ru: 'Проверить, сообщило ли государство о принятых мерах; направить комментарии', en: 'Check whether the State reported its measures; send comments' },
      before: { ru: 'Комитет по правам человека ООН (Специальный докладчик по последующим мерам)', en: 'UN Human Rights Committee (Special Rapporteur for follow-up)' },
      extendable: null,
      restorable: null,
      citation: { article: 'rule 106 (Views)', law: HRC_RULES, versionDate: '2019-01-04', verified: false, note: `${UNVERIFIED} The 180 days are stated in each set of Views.` },
    },
    {
      id: 'un.cat-state-reply',
      title: { ru: 'Ответ государства на жалобу (КПП)', en: 'State party’s reply to a complaint (CAT)' },
      trigger: { eventTypes: ['decision', 'other'], act: 'un_communication_transmitted', startsFrom: 'received' },
      period: { amount: 6, unit: 'months' },
      counting: 'calendar',
      actor: 'state',
      action: { ru: 'Ожидать письменные объяснения государства', en: 'Expect the State’s written explanations' },
      before: { ru: 'Комитет против пыток ООН', en: 'UN Committee against Torture' },
      extendable: null,
      restorable: null,
      citation: {
        article: 'art. 22(3)',
        law: CAT,
        versionDate: '1984-12-10',
        verified: false,
        note: `${UNVERIFIED} Whether Kyrgyzstan has made the art. 22 declaration is also unverified, so this rule is never proposed on its own.`,
      },
      propose: false,
    },
  ],
} satisfies z.input<typeof RuleSetSchema>;
