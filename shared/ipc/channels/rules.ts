import { z } from 'zod';
import { DeadlineSchema } from '../../schemas/agenda';
import { IdSchema } from '../../schemas/common';
import { ByCase } from '../common';
import {
  AcceptSchema,
  CalendarDayInputSchema,
  ComputationSchema,
  ComputeQuerySchema,
  HolidayListSchema,
  HolidaysQuerySchema,
  ProposalsSchema,
  ProposeQuerySchema,
  RuleLinkSchema,
  RuleViewSchema,
} from '../../schemas/deadline-rules';
import { IsoDaySchema } from '../../schemas/partial-date';

/** Procedural deadline rules: the shipped rules, proposals for a recorded event, accepted deadlines' rules, the calendar. */
export const rulesChannels = {
  'rules.list': { request: z.strictObject({}), response: z.strictObject({ items: z.array(RuleViewSchema) }) },
  'rules.compute': { request: ComputeQuerySchema, response: z.strictObject({ rule: RuleViewSchema, computation: ComputationSchema }) },
  'rules.propose': { request: ProposeQuerySchema, response: ProposalsSchema },
  'rules.accept': { request: AcceptSchema, response: z.strictObject({ deadline: DeadlineSchema, link: RuleLinkSchema }) },
  'rules.links': { request: ByCase, response: z.strictObject({ items: z.array(RuleLinkSchema) }) },
  'rules.linksFor': { request: z.strictObject({ deadlineIds: z.array(IdSchema).max(1000) }), response: z.strictObject({ items: z.array(RuleLinkSchema) }) },
  'rules.acknowledge': { request: z.strictObject({ deadlineId: IdSchema }), response: RuleLinkSchema },
  'rules.holidays': { request: HolidaysQuerySchema, response: HolidayListSchema },
  'rules.setDay': { request: CalendarDayInputSchema, response: z.strictObject({ moved: z.number().int() }) },
  'rules.removeDay': { request: z.strictObject({ date: IsoDaySchema }), response: z.strictObject({ moved: z.number().int() }) },
} as const;
