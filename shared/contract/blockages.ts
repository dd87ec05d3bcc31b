/**
 * Blockage points from report to verified (issue 5): the desk's procedures for the lifecycle,
 * field teams, photos and the import of reports from teams not on the LAN.
 */
import { z } from 'zod';
import { BLOCKAGE_EVENT_KINDS } from '../domain/blockageLifecycle';
import { BLOCKAGE_STATUSES } from '../domain/network';
import { id, isoTimestamp } from './common';
import { bilingual } from './validation';

const lonError = bilingual('经度应在 -180 到 180 之间', 'longitude must be within -180..180');
const latError = bilingual('纬度应在 -90 到 90 之间', 'latitude must be within -90..90');
/** A WGS84 position [lon, lat]; (0, 0) is what a phone sends without a fix, so it is refused. */
export const gpsPositionSchema = z
  .tuple([z.number().min(-180, { error: lonError }).max(180, { error: lonError }), z.number().min(-90, { error: latError }).max(90, { error: latError })])
  .refine((p) => !(p[0] === 0 && p[1] === 0), { error: bilingual('定位无效（0, 0），请等手机定位成功后再试', 'invalid position (0, 0): wait for a GPS fix') });

const accuracyError = bilingual('定位精度应为 0 到 100000 米', 'GPS accuracy must be 0..100000 metres');
/** How far off a phone's position may be, in metres (the browser's coords.accuracy). */
export const gpsAccuracySchema = z.number({ error: accuracyError }).min(0, { error: accuracyError }).max(100_000, { error: accuracyError });

const text = (max: number, zh: string, en: string) =>
  z.string().trim().max(max, { error: bilingual(`${zh}不超过 ${max} 个字`, `${en} is at most ${max} characters`) });
const count = (zh: string, en: string) =>
  z.int({ error: bilingual(`${zh}应为整数`, `${en} must be a whole number`) })
    .min(0, { error: bilingual(`${zh}不能为负数`, `${en} must not be negative`) })
    .max(999, { error: bilingual(`${zh}不超过 999`, `${en} is at most 999`) });

/** Largest photo accepted (after the phone has resized it; camera originals via import up to 20 MB). */
export const PHOTO_MAX_BYTES = 6 * 1024 * 1024;
export const IMPORT_PHOTO_MAX_BYTES = 20 * 1024 * 1024;
const base64Max = (bytes: number) => Math.ceil(bytes / 3) * 4 + 4;

/** A file name as the user's device gave it: a name only, never a path. */
export const uploadFileNameSchema = z
  .string()
  .trim()
  .min(1, { error: bilingual('缺少文件名', 'file name is missing') })
  .max(160, { error: bilingual('文件名过长', 'file name is too long') })
  .refine((s) => !/[/\\:\0]/.test(s) && s !== '.' && s !== '..' && !s.includes('..'), {
    error: bilingual('文件名不能包含路径（/ \\ : ..）', 'a file name must not contain a path (/ \\ : ..)'),
  });

/** A photo sent with an update: a file name and the bytes as base64; the type is checked by content. */
export const photoInputSchema = z.strictObject({
  fileName: uploadFileNameSchema,
  dataBase64: z
    .string()
    .max(base64Max(PHOTO_MAX_BYTES), { error: bilingual(`照片过大（上限 ${PHOTO_MAX_BYTES / 1048576} MB）`, `photo too large (limit ${PHOTO_MAX_BYTES / 1048576} MB)`) })
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: bilingual('照片数据不是 base64', 'photo data is not base64') }),
});
export type PhotoInput = z.infer<typeof photoInputSchema>;

export const teamMachinesSchema = z.strictObject({
  excavators: count('钩机数', 'excavators'),
  longArmExcavators: count('长臂钩机数', 'long-arm excavators'),
  dumpTrucks: count('翻斗车数', 'dump trucks'),
  pumps: count('水泵数', 'pumps'),
});
export type TeamMachines = z.infer<typeof teamMachinesSchema>;

/** The machines sent to one blockage: excavators, long-arm excavators and pumps. */
export const assignedMachinesSchema = z.strictObject({
  excavators: count('钩机数', 'excavators'),
  longArmExcavators: count('长臂钩机数', 'long-arm excavators'),
  pumps: count('水泵数', 'pumps'),
});
export type AssignedMachines = z.infer<typeof assignedMachinesSchema>;

export const teamSchema = z.object({
  id,
  name: z.string(),
  leader: z.string(),
  phone: z.string(),
  machines: teamMachinesSchema,
  note: z.string(),
  openBlockages: z.int(),
  activeTokens: z.int(),
  updatedAt: isoTimestamp,
});
export type Team = z.infer<typeof teamSchema>;

export const teamInputSchema = z.strictObject({
  id: id.optional(),
  name: z
    .string()
    .trim()
    .min(1, { error: bilingual('队名不能为空', 'team name must not be empty') })
    .max(30, { error: bilingual('队名不超过 30 个字', 'team name is at most 30 characters') }),
  leader: text(20, '负责人', 'leader').default(''),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\- ]{0,20}$/, { error: bilingual('电话只能包含数字、空格、+ 和 -', 'phone may contain only digits, spaces, + and -') })
    .default(''),
  machines: teamMachinesSchema.default({ excavators: 0, longArmExcavators: 0, dumpTrucks: 0, pumps: 0 }),
  note: text(200, '备注', 'note').default(''),
});
export type TeamInput = z.input<typeof teamInputSchema>;

export const blockageEventSchema = z.object({
  id,
  seq: z.int(),
  blockageId: id,
  at: isoTimestamp,
  /** When the core received it (differs from `at` for updates queued offline on a phone). */
  receivedAt: isoTimestamp,
  kind: z.enum(BLOCKAGE_EVENT_KINDS),
  source: z.enum(['desk', 'field', 'import', 'demo', 'cli']),
  actor: z.string(),
  fromStatus: z.enum(BLOCKAGE_STATUSES).nullable(),
  toStatus: z.enum(BLOCKAGE_STATUSES).nullable(),
  teamName: z.string().nullable(),
  fromTeamName: z.string().nullable(),
  toTeamName: z.string().nullable(),
  machines: assignedMachinesSchema.nullable(),
  note: z.string(),
  hasPhoto: z.boolean(),
  position: z.tuple([z.number(), z.number()]).nullable(),
  /** How far off the phone said `position` may be (metres); null when not said (the desk, older phones). */
  accuracyM: z.number().nullable(),
  undoesEventId: id.nullable(),
  undone: z.boolean(),
});
export type BlockageEvent = z.infer<typeof blockageEventSchema>;

export const blockageRowSchema = z.object({
  id,
  name: z.string(),
  village: z.string(),
  status: z.enum(BLOCKAGE_STATUSES),
  position: z.tuple([z.number(), z.number()]),
  reportedAt: isoTimestamp,
  statusAt: isoTimestamp,
  /** Hours since it was reported. */
  ageHours: z.number(),
  open: z.boolean(),
  /** Open for longer than OVERDUE_HOURS. */
  overdue: z.boolean(),
  teamId: id.nullable(),
  teamName: z.string().nullable(),
  reportedByTeamName: z.string().nullable(),
  machines: assignedMachinesSchema,
  note: z.string(),
  source: z.string(),
  ditchId: id.nullable(),
  ditchName: z.string().nullable(),
  lastEventAt: isoTimestamp,
  lastEventSource: z.string(),
  eventCount: z.int(),
  photoCount: z.int(),
});
export type BlockageRow = z.infer<typeof blockageRowSchema>;

export const BLOCKAGE_SORTS = ['age', 'status', 'name', 'village', 'team', 'updated'] as const;
export type BlockageSort = (typeof BLOCKAGE_SORTS)[number];

export const blockageListInputSchema = z.strictObject({
  statuses: z.array(z.enum(BLOCKAGE_STATUSES)).optional(),
  village: z.string().trim().max(40).optional(),
  /** A team's id, or 'none' for the unassigned. */
  teamId: z.union([id, z.literal('none')]).optional(),
  minAgeHours: z.number().min(0).max(24 * 365).optional(),
  query: z.string().trim().max(60).optional(),
  sort: z.enum(BLOCKAGE_SORTS).optional(),
  desc: z.boolean().optional(),
});
export type BlockageListInput = z.infer<typeof blockageListInputSchema>;

const statusCounts = z.record(z.enum(BLOCKAGE_STATUSES), z.int());

export const blockageListSchema = z.object({
  rows: z.array(blockageRowSchema),
  /** Counts by status over every live blockage (not only the filtered rows). */
  counts: statusCounts,
  open: z.int(),
  unassigned: z.int(),
  overdue: z.int(),
  villages: z.array(z.string()),
  /** Changes whenever any blockage or event changes: the desk refetches when it moves. */
  version: z.string(),
});
export type BlockageList = z.infer<typeof blockageListSchema>;

export const blockageDetailSchema = z.object({
  blockage: blockageRowSchema,
  events: z.array(blockageEventSchema),
  /** Statuses the desk may move it to now (the lifecycle's table). */
  allowed: z.array(z.enum(BLOCKAGE_STATUSES)),
});
export type BlockageDetail = z.infer<typeof blockageDetailSchema>;

export const blockageChangeSchema = z.object({
  seq: z.int(),
  blockageId: id,
  blockageName: z.string(),
  kind: z.enum(BLOCKAGE_EVENT_KINDS),
  source: z.string(),
  actor: z.string(),
  toStatus: z.enum(BLOCKAGE_STATUSES).nullable(),
  /** The phone's GPS accuracy for the update's position, metres (null: no position, or not said). */
  accuracyM: z.number().nullable(),
  at: isoTimestamp,
});
export type BlockageChange = z.infer<typeof blockageChangeSchema>;

const optionalNote = text(500, '备注', 'note').default('');

export const blockageImportFileSchema = z.strictObject({
  fileName: uploadFileNameSchema,
  dataBase64: z
    .string()
    .max(base64Max(IMPORT_PHOTO_MAX_BYTES), { error: bilingual('文件过大（上限 20 MB）', 'file too large (limit 20 MB)') })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: bilingual('文件数据不是 base64', 'file data is not base64') }),
});

const importInput = z.strictObject({
  files: z
    .array(blockageImportFileSchema)
    .min(1, { error: bilingual('请选择文件', 'choose a file') })
    .max(50, { error: bilingual('一次最多导入 50 个文件', 'at most 50 files at once') }),
  /** The coordinate system of KML/KMZ files when the user overrides the detected one. */
  crs: z.enum(['wgs84', 'gcj02', 'bd09']).optional(),
});

export const blockageImportCandidateSchema = z.object({
  key: z.string(),
  fileName: z.string(),
  kind: z.enum(['placemark', 'photo']),
  name: z.string(),
  village: z.string(),
  note: z.string(),
  position: z.tuple([z.number(), z.number()]),
  reportedAt: isoTimestamp.nullable(),
  /** An open blockage already within 30 m: probably the same one. */
  nearExisting: z.object({ id, name: z.string(), distanceM: z.number() }).nullable(),
});
export type BlockageImportCandidate = z.infer<typeof blockageImportCandidateSchema>;

const bilingualText = z.object({ zh: z.string(), en: z.string() });

export const blockageImportPreviewSchema = z.object({
  candidates: z.array(blockageImportCandidateSchema),
  crs: z.enum(['wgs84', 'gcj02', 'bd09']),
  crsReason: bilingualText,
  warnings: z.array(bilingualText),
});
export type BlockageImportPreview = z.infer<typeof blockageImportPreviewSchema>;

export const blockageProcedures = {
  /** The table: filtered, sorted, with counts by status and a version for cheap refreshes. */
  'blockages.list': { input: blockageListInputSchema, output: blockageListSchema },
  /** One blockage with its whole timeline and the moves allowed now. */
  'blockages.get': { input: z.strictObject({ id }), output: blockageDetailSchema },
  /** Change status by the lifecycle (desk); to 已派工 only through blockages.assign. */
  'blockages.transition': {
    input: z.strictObject({ id, to: z.enum(BLOCKAGE_STATUSES), note: optionalNote, photo: photoInputSchema.optional() }),
    output: blockageDetailSchema,
  },
  /** Dispatch to a team (上报 → 已派工), change team or machines, or withdraw (teamId null: → 上报). */
  'blockages.assign': {
    input: z.strictObject({ id, teamId: id.nullable(), machines: assignedMachinesSchema.optional(), note: optionalNote }),
    output: blockageDetailSchema,
  },
  /** A note and/or photo from the desk; the status stays. */
  'blockages.note': {
    input: z
      .strictObject({ id, note: optionalNote, photo: photoInputSchema.optional() })
      .refine((v) => v.note.length > 0 || v.photo !== undefined, { error: bilingual('请写备注或附照片', 'write a note or attach a photo') }),
    output: blockageDetailSchema,
  },
  /** Undo the desk's last status or dispatch change with a compensating event (history stays). */
  'blockages.undo': {
    input: z.strictObject({}),
    output: z.object({ undone: blockageEventSchema, detail: blockageDetailSchema }),
  },
  /** Events after `cursor` (a seq; absent: none, just the current cursor): cheap enough to poll every two seconds. */
  'blockages.changesSince': {
    input: z.strictObject({ cursor: z.int().min(0).optional() }),
    output: z.object({ cursor: z.int(), version: z.string(), changes: z.array(blockageChangeSchema) }),
  },
  /** An event's photo as a data: URL (the app's CSP allows data: images). */
  'blockages.photo': {
    input: z.strictObject({ eventId: id }),
    output: z.object({ dataUrl: z.string(), mime: z.string(), bytes: z.int() }),
  },
  /** Read Ovital KML/KMZ placemarks or photos' GPS tags into candidate reports (nothing is written). */
  'blockages.importPreview': { input: importInput, output: blockageImportPreviewSchema },
  /** Write the chosen candidates as new reported blockages, all or nothing. */
  'blockages.importConfirm': {
    input: importInput.extend({ keys: z.array(z.string().max(200)).min(1, { error: bilingual('请至少选择一个', 'choose at least one') }).max(5000) }),
    output: z.object({ created: z.int(), ids: z.array(id) }),
  },

  'teams.list': { input: z.strictObject({}), output: z.array(teamSchema) },
  /** Create (no id) or edit a team. */
  'teams.save': { input: teamInputSchema, output: teamSchema },
  /** Soft-delete a team that has no open blockages; its tokens are revoked. */
  'teams.delete': { input: z.strictObject({ id }), output: z.object({ id }) },
};
