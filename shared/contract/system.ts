import { z } from 'zod';
import { isoTimestamp } from './common';
import { bilingual } from './validation';

export const backupSchema = z.object({
  fileName: z.string(),
  createdAt: isoTimestamp,
  sizeBytes: z.int().nonnegative(),
  reason: z.enum(['manual', 'daily', 'pre-migration', 'pre-restore']),
});
export type Backup = z.infer<typeof backupSchema>;

/** What a backup holds, shown before it is restored. */
export const backupContentsSchema = z.object({
  townshipName: z.string(),
  features: z.int().nonnegative(),
  blockages: z.int().nonnegative(),
  deployments: z.int().nonnegative(),
  teams: z.int().nonnegative(),
  sheets: z.int().nonnegative(),
});
export type BackupContents = z.infer<typeof backupContentsSchema>;

/** A backup checked for restore: sound, a DrainDesk database, and a version this app can open. */
export const backupCheckSchema = z.object({
  backup: backupSchema,
  schemaVersion: z.int(),
  /** Older than this app: it is migrated after the swap (as opening an old file is). */
  needsMigration: z.boolean(),
  contents: backupContentsSchema,
});
export type BackupCheck = z.infer<typeof backupCheckSchema>;

/** What a restore did: the file now in use, and the safety copy 撤销恢复 brings back. */
export const restoreResultSchema = z.object({
  restored: z.string(),
  safetyCopy: backupSchema,
  migratedFrom: z.int(),
  schemaVersion: z.int(),
  attachmentsRestored: z.int().nonnegative(),
  contents: backupContentsSchema,
});
export type RestoreResult = z.infer<typeof restoreResultSchema>;

/** A backup named as the backups list names it (a file in the backups folder, never a path). */
const backupFileName = z
  .string()
  .regex(/^draindesk-\d{8}-\d{6}-(manual|daily|pre-migration|pre-restore)\.sqlite$/, {
    error: bilingual('备份文件名应为备份列表中的名称', 'the backup must be one from the backups list'),
  });

export const systemInfoSchema = z.object({
  appVersion: z.string(),
  schemaVersion: z.int(),
  dataDir: z.string(),
  databaseFile: z.string(),
  transport: z.enum(['ipc', 'http', 'cli', 'test']),
});
export type SystemInfo = z.infer<typeof systemInfoSchema>;

export const systemProcedures = {
  'system.info': { input: z.strictObject({}), output: systemInfoSchema },
  'backup.create': { input: z.strictObject({}), output: backupSchema },
  'backup.list': { input: z.strictObject({}), output: z.array(backupSchema) },
  /** Check a backup without touching the live data: integrity, version, and what it holds. */
  'backup.inspect': { input: z.strictObject({ fileName: backupFileName }), output: backupCheckSchema },
  /** Put a backup in place of the live data (a pre-restore copy is taken first). */
  'backup.restore': { input: z.strictObject({ fileName: backupFileName }), output: restoreResultSchema },
  /** 撤销恢复: bring back the pre-restore copy a restore took. */
  'backup.undoRestore': { input: z.strictObject({ safetyFileName: backupFileName }), output: restoreResultSchema },
};
