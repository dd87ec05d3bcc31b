import { z } from 'zod';
import { isoTimestamp } from './common';

export const backupSchema = z.object({
  fileName: z.string(),
  createdAt: isoTimestamp,
  sizeBytes: z.int().nonnegative(),
  reason: z.enum(['manual', 'daily', 'pre-migration', 'pre-restore']),
});
export type Backup = z.infer<typeof backupSchema>;

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
};
