/**
 * The desk's side of sync with the county server (issue 11): the procedures the settings panel,
 * the shell's status chip, the 冲突 list and the CLI call. The wire between desk and server is
 * `sync.ts` (the server's); this file is what the desk's own UI sees.
 */
import { z } from 'zod';
import { isoTimestamp } from './common';
import { bilingual } from './validation';
import { enrolCode } from './sync';

/**
 * What the shell shows: 未联网 (not enrolled) · 同步中 · 已同步 · 待上传 N · 离线 since … · an error
 * with its reason. `revoked` and `forbidden` stop the loop until the office re-keys.
 */
export const SYNC_STATES = ['not_enrolled', 'syncing', 'synced', 'pending', 'offline', 'error'] as const;
export type SyncState = (typeof SYNC_STATES)[number];

/** Why the last round failed, so the UI can say what to do. */
export const SYNC_PROBLEMS = ['unreachable', 'revoked', 'forbidden', 'rejected', 'server_error', 'local'] as const;
export type SyncProblem = (typeof SYNC_PROBLEMS)[number];

export const syncRoundSchema = z.object({
  at: isoTimestamp,
  pushed: z.int().min(0),
  duplicates: z.int().min(0),
  pulled: z.int().min(0),
  /** Conflicts the server reported for this desk's pushed edits plus conflicts pulled. */
  conflicts: z.int().min(0),
  blobsUp: z.int().min(0),
  blobsDown: z.int().min(0),
});
export type SyncRound = z.infer<typeof syncRoundSchema>;

export const syncStatusSchema = z.object({
  state: z.enum(SYNC_STATES),
  serverUrl: z.string().nullable(),
  /** Where this desk's phones open the field page (the server's public address + /field/); null when not enrolled. */
  phoneUrl: z.string().nullable(),
  /** The township the key writes for (the server's id for it). */
  townshipId: z.string().nullable(),
  enrolledAt: isoTimestamp.nullable(),
  /** Local changes not yet acknowledged by the server. */
  pending: z.int().min(0),
  /** Conflicts not yet reviewed. */
  openConflicts: z.int().min(0),
  lastSyncAt: isoTimestamp.nullable(),
  lastAttemptAt: isoTimestamp.nullable(),
  /** Since when the server has been unreachable (null while it answers). */
  offlineSince: isoTimestamp.nullable(),
  problem: z
    .object({ kind: z.enum(SYNC_PROBLEMS), message: z.string(), messageEn: z.string() })
    .nullable(),
  lastRound: syncRoundSchema.nullable(),
  /** Whether the background loop is running in this process (the CLI syncs once and has none). */
  loopRunning: z.boolean(),
  /** A certificate file trusted for this server (a county server with a self-signed certificate). */
  caFile: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

const serverUrl = z
  .string()
  .trim()
  .min(1, { error: bilingual('请填写县服务器地址', 'enter the county server address') })
  .max(500)
  .refine((s) => /^https?:\/\/[^\s/]+/i.test(s), {
    error: bilingual('服务器地址应以 https:// 开头，例如 https://fxb.example.gov.cn', 'the server address starts with https://, e.g. https://fxb.example.gov.cn'),
  });

/** The county's one-time code as typed: case and spaces forgiven, then the server's format. */
const deskEnrolCode = z
  .string()
  .trim()
  .min(1, { error: bilingual('请填写县里给的一次性注册码', 'enter the one-time code the county gave you') })
  .max(40, { error: bilingual('注册码太长了，请检查是否复制多了', 'the code is too long; check what was copied') })
  .toUpperCase()
  .pipe(enrolCode);

export const syncEnrolInputSchema = z.strictObject({
  serverUrl,
  code: deskEnrolCode,
  /** A PEM certificate file on this PC to trust for this server (self-signed county servers). */
  caFile: z.string().trim().max(1000).optional(),
});

/** One side of a conflict: the row as that version had it. */
export const conflictVersionSchema = z.object({
  hlc: z.string(),
  origin: z.string(),
  at: z.string().nullable(),
  /** null for a delete (tombstone). */
  row: z.record(z.string(), z.unknown()).nullable(),
});

export const syncConflictSchema = z.object({
  id: z.string(),
  table: z.string(),
  rowId: z.string(),
  /** A name a person recognises (the ditch's name, the team's name), or the row id. */
  label: z.string(),
  winner: conflictVersionSchema,
  loser: conflictVersionSchema,
  /** Columns whose values differ between the two versions. */
  differences: z.array(z.string()),
  /** Why the winner won (the later clock), in both languages. */
  reason: z.string(),
  reasonEn: z.string(),
  detectedAt: isoTimestamp,
  /** The first review's time and decision (null while no desk of the township has reviewed it). */
  reviewedAt: isoTimestamp.nullable(),
  resolution: z.enum(['kept_winner', 'reapplied_loser']).nullable(),
  /**
   * Every review from any desk of the township, oldest first (reviews travel with sync; two desks
   * that decided while apart both appear). `by` is the deciding desk's installation id.
   */
  reviews: z.array(
    z.object({
      at: isoTimestamp,
      resolution: z.enum(['kept_winner', 'reapplied_loser']),
      by: z.string(),
      byThisDesk: z.boolean(),
    }),
  ),
});
export type SyncConflict = z.infer<typeof syncConflictSchema>;

export const syncDeskProcedures = {
  'sync.status': { input: z.strictObject({}), output: syncStatusSchema },
  /** Trade the county's one-time code for this desk's long-lived key, then sync once. */
  'sync.enrol': { input: syncEnrolInputSchema, output: syncStatusSchema },
  /** One round now (push, then pull); answers the status after it, failure included. */
  'sync.now': { input: z.strictObject({}), output: syncStatusSchema },
  /** Tell the server to revoke this desk's key and forget it here; local data stays. */
  'sync.disconnect': { input: z.strictObject({}), output: syncStatusSchema },
  'sync.conflicts': {
    input: z.strictObject({ includeReviewed: z.boolean().optional() }),
    output: z.array(syncConflictSchema),
  },
  /**
   * The reviewer marks a conflict reviewed; with `reapplyLoser` the losing version is written as a
   * new local edit of the row (it then syncs like any edit and wins by its newer clock).
   */
  'sync.resolveConflict': {
    input: z.strictObject({ id: z.string().min(1).max(200), reapplyLoser: z.boolean() }),
    output: syncConflictSchema,
  },
};
