/**
 * The phone's API (issue 5): not part of the desk's procedure table. Only the field server
 * answers it, and only with a team token (Authorization: Bearer <token>); the team comes from the
 * token. The field server's handler table is typed from this one, so a phone procedure without a
 * handler fails to compile.
 */
import { z } from 'zod';
import { FIELD_ACTIONS, BLOCKAGE_EVENT_KINDS } from '../domain/blockageLifecycle';
import { BLOCKAGE_STATUSES } from '../domain/network';
import { blockageRowSchema, photoInputSchema, gpsAccuracySchema, gpsPositionSchema } from './blockages';
import { id, isoTimestamp } from './common';
import { bilingual } from './validation';
import { trackChunkInputSchema, trackChunkResultSchema } from './patrol';

export const phoneEventSchema = z.object({
  at: isoTimestamp,
  kind: z.enum(BLOCKAGE_EVENT_KINDS),
  toStatus: z.enum(BLOCKAGE_STATUSES).nullable(),
  actor: z.string(),
  note: z.string(),
  hasPhoto: z.boolean(),
});

/** A blockage as a phone sees it: the desk row's own fields, plus what the team needs on site. */
export const phoneBlockageSchema = blockageRowSchema.pick({ id: true, name: true, village: true, status: true, position: true, reportedAt: true, note: true, machines: true }).extend({
  /** Assigned to this team (it may change the status); false for its own reports awaiting dispatch. */
  assigned: z.boolean(),
  ditch: z.object({ name: z.string(), coordinates: z.array(z.tuple([z.number(), z.number()])) }).nullable(),
  events: z.array(phoneEventSchema),
});
export type PhoneBlockage = z.infer<typeof phoneBlockageSchema>;

const note = z.string().trim().max(500, { error: bilingual('备注不超过 500 个字', 'note is at most 500 characters') }).default('');
const clientId = z.uuid({ error: bilingual('缺少手机生成的编号（clientId）', 'clientId must be a UUID made on the phone') });

export const phoneProcedures = {
  'phone.me': {
    input: z.strictObject({}),
    output: z.object({ team: z.object({ id, name: z.string(), leader: z.string() }), township: z.string(), serverTime: isoTimestamp }),
  },
  'phone.blockages': { input: z.strictObject({}), output: z.array(phoneBlockageSchema) },
  /** 已到场 / 处理中 / 已疏通 / a note, with an optional photo and position; retries are harmless. */
  'phone.update': {
    input: z.strictObject({
      clientId,
      blockageId: id,
      action: z.enum(FIELD_ACTIONS),
      note,
      photo: photoInputSchema.optional(),
      position: gpsPositionSchema.nullable().optional(),
      /** The GPS accuracy of `position` in metres; phones on an older page send none. */
      accuracyM: gpsAccuracySchema.nullable().optional(),
      /** When it happened on the phone (queued offline); the server's time if absent or implausible. */
      at: isoTimestamp.optional(),
    }).refine((v) => v.accuracyM == null || v.position != null, {
      error: bilingual('有定位精度却没有位置：请连同位置一起发送', 'accuracyM was sent without a position: send both'),
      path: ['accuracyM'],
    }),
    output: z.object({ eventId: id, status: z.enum(BLOCKAGE_STATUSES), duplicate: z.boolean() }),
  },
  /** A new blockage at the phone's GPS position. */
  'phone.report': {
    input: z.strictObject({
      clientId,
      position: gpsPositionSchema,
      /** The GPS accuracy of `position` in metres; absent from older pages and for a position typed in. */
      accuracyM: gpsAccuracySchema.nullable().optional(),
      name: z.string().trim().max(60).default(''),
      note,
      photo: photoInputSchema.optional(),
      at: isoTimestamp.optional(),
    }),
    output: z.object({ blockageId: id, eventId: id, duplicate: z.boolean() }),
  },
  /** A piece of a patrol walk (巡查轨迹); resent pieces are recognised by walk id and number. */
  'phone.track': { input: trackChunkInputSchema, output: trackChunkResultSchema },
} satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type PhoneProcedures = typeof phoneProcedures;
export type PhoneProcedureName = keyof PhoneProcedures;
export type PhoneInput<P extends PhoneProcedureName> = z.input<PhoneProcedures[P]['input']>;
export type PhoneOutput<P extends PhoneProcedureName> = z.output<PhoneProcedures[P]['output']>;

export function isPhoneProcedure(name: string): name is PhoneProcedureName {
  return Object.prototype.hasOwnProperty.call(phoneProcedures, name);
}
