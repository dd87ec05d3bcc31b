import { z } from 'zod';
import { changeEntrySchema, feedTableName, hlcString } from './changeFeed';
import { bilingual } from './validation';

/**
 * The sync protocol between a township desk and the county server (issue 11). Plain HTTPS + JSON;
 * every request and answer below is checked with these schemas on both sides. Errors are
 * `{ error: { code, message, messageEn } }` with the status `HTTP_STATUS` (shared/contract/errors.ts)
 * gives: 400 malformed, 401 unknown or revoked key, 403 another township's rows, 413 too large.
 *
 *   POST /sync/enrol       EnrolRequest → EnrolResponse             (no key yet: the one-time code)
 *   POST /sync/disconnect  {}           → { revoked: true }          (Authorization: Bearer <key>)
 *   POST /sync/push        PushRequest  → PushResponse               (Bearer)
 *   POST /sync/pull        PullRequest  → PullResponse               (Bearer)
 *   PUT  /sync/blob/<sha256>  raw bytes → BlobPutResponse            (Bearer)
 *   GET  /sync/blob/<sha256>  → raw bytes (application/octet-stream) (Bearer)
 */

/** At most this many entries in one push; a desk with more sends several batches. */
export const MAX_PUSH_ENTRIES = 500;
/** A push or pull body above this is refused with 413 before it is parsed. */
export const MAX_SYNC_BODY_BYTES = 8 * 1024 * 1024;
/** At most this many entries in one pull answer (a larger `limit` is clamped). */
export const MAX_PULL_ENTRIES = 1000;
/** A blob (a photo, an issued sheet PDF) above this is refused with 413. */
export const MAX_BLOB_BYTES = 32 * 1024 * 1024;

/**
 * Tables whose rows are events: written once, never edited by anyone else, merged as a union.
 * A change to one of them is never a conflict.
 */
export const APPEND_ONLY_TABLES: readonly string[] = ['blockage_event', 'photo', 'patrol_track', 'patrol_point', 'sync_conflict_review'];

/** The feed table the server writes a conflict to; both desks pull it and list it as 冲突. */
export const SYNC_CONFLICT_TABLE = 'sync_conflict';

/** Where the county server serves the phone page (issue 12): the QR link of an enrolled desk is `serverPhoneUrl(…)#t=<token>`. */
export const SERVER_PHONE_PATH = '/field/';

/** The phone page's address on a county server, from its public URL (a path prefix is kept: https://host/draindesk). */
export function serverPhoneUrl(serverUrl: string): string {
  return `${serverUrl.replace(/\/+$/, '')}${SERVER_PHONE_PATH}`;
}

/** A township key: 32 random bytes as 64 lower-case hex digits. Only its SHA-256 is stored. */
export const syncKey = z.string().regex(/^[0-9a-f]{64}$/, { error: bilingual('同步密钥格式不正确', 'not a sync key') });
/** A one-time enrolment code as `admin add-township` prints it (groups of letters and digits). */
export const enrolCode = z
  .string()
  .trim()
  .regex(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/, { error: bilingual('注册码格式应为 XXXX-XXXX-XXXX-XXXX', 'code must look like XXXX-XXXX-XXXX-XXXX') });
/** A blob's name: the SHA-256 of its bytes, lower-case hex. */
export const blobHash = z.string().regex(/^[0-9a-f]{64}$/, { error: bilingual('文件哈希格式不正确', 'not a SHA-256 hex digest') });

export const enrolRequestSchema = z.strictObject({
  code: enrolCode,
  /** The desk's installation id (the origin of its clocks and feed entries). */
  installationId: z.string().min(1).max(64),
  /** The desk's own township id: the server township adopts it on first enrolment. */
  townshipId: z.string().min(1).max(64),
  townshipName: z.string().min(1).max(100),
});
export type EnrolRequest = z.infer<typeof enrolRequestSchema>;

/** Not strict: a desk reads what it knows of a newer server's answer and ignores the rest. */
export const enrolResponseSchema = z.object({
  /** The township id the desk must use in every entry (its own, unless the server's township was enrolled before with another). */
  townshipId: z.string(),
  townshipName: z.string(),
  /** The long-lived key, shown once; keep it in the desk's settings. */
  key: syncKey,
  /**
   * The address phones and people reach the server at (`--public-url`; behind a proxy it is not
   * the one the desk enrolled with). Null or absent (an older server): the desk's own server URL.
   */
  publicUrl: z.url({ protocol: /^https?$/ }).nullable().optional(),
});
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

export const disconnectResponseSchema = z.strictObject({ revoked: z.literal(true) });

export const pushRequestSchema = z.strictObject({
  entries: z.array(changeEntrySchema).max(MAX_PUSH_ENTRIES, {
    error: bilingual(`一批最多 ${MAX_PUSH_ENTRIES} 条变更`, `at most ${MAX_PUSH_ENTRIES} entries per batch`),
  }),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const pushResponseSchema = z.strictObject({
  /** Entries new to the server (applied or kept as the losing side of a conflict). */
  accepted: z.int(),
  /** Entries the server already had by change id (a retry): nothing changed. */
  duplicates: z.int(),
  /** Conflicts this batch caused; each is also in the feed as a `sync_conflict` entry. */
  conflicts: z.int(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** An opaque position in the server's feed of a township; '' is the beginning. */
export const syncCursor = z.string().max(40).regex(/^\d*$/, { error: bilingual('同步游标不正确', 'not a sync cursor') });

export const pullRequestSchema = z.strictObject({
  since: syncCursor.default(''),
  limit: z.int().min(1).max(100_000).default(500),
});
export type PullRequest = z.input<typeof pullRequestSchema>;

export const pullResponseSchema = z.strictObject({
  /** In the server's order; the desk applies them in that order and skips its own (by origin). */
  entries: z.array(changeEntrySchema),
  /** Send this as `since` next time (unchanged when there was nothing new). */
  cursor: syncCursor,
  /** More entries wait after these: pull again at once. */
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

export const blobPutResponseSchema = z.strictObject({ hash: blobHash, bytes: z.int(), stored: z.boolean() });
export type BlobPutResponse = z.infer<typeof blobPutResponseSchema>;

/**
 * The row of a `sync_conflict` feed entry (rowId = the conflict's id). The winning version is the
 * row the replica holds; the losing version is kept here so a person can review it (冲突) and, if
 * it was right, make it again as a new edit.
 */
export const syncConflictRowSchema = z.strictObject({
  id: z.uuid(),
  township_id: z.string(),
  /** The edited table and row. */
  table_name: feedTableName,
  row_id: z.string(),
  /** The version that lost by clock: its change id, clock, origin and row (null: a delete lost). */
  losing_change_id: z.uuid(),
  losing_hlc: hlcString,
  losing_origin: z.string(),
  losing_row: z.record(z.string(), z.unknown()).nullable(),
  /** The version that won (the replica's row after the push). */
  winning_change_id: z.uuid(),
  winning_hlc: hlcString,
  winning_origin: z.string(),
  winning_row: z.record(z.string(), z.unknown()).nullable(),
  /** The base both versions were made on (null: both were inserts, or neither knew the row). */
  base_hlc: hlcString.nullable(),
  created_at: z.string(),
});
export type SyncConflictRow = z.infer<typeof syncConflictRowSchema>;
