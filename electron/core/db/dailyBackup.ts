import type { CoreContext } from '../context';
import { mirrorAttachments } from './attachments';
import { createBackup, listBackups } from './backups';

export interface DailyBackupOptions {
  /** How often to look whether today's backup is taken (default hourly). */
  checkEveryMs?: number;
}

const HOUR_MS = 60 * 60_000;

/** Today's automatic backup, unless one was already taken today (by the core's clock, UTC day as in the names). */
export async function takeDailyBackupIfDue(ctx: CoreContext): Promise<boolean> {
  const today = ctx.now().toISOString().slice(0, 10);
  if (listBackups(ctx.backupsDir).some((b) => b.reason === 'daily' && b.createdAt.startsWith(today))) return false;
  await createBackup(ctx.db, ctx.backupsDir, 'daily', ctx.now());
  mirrorAttachments(ctx.dataDir, ctx.backupsDir);
  return true;
}

/**
 * The daily backup on open and then on a timer while the core runs (a desk left open for weeks
 * still gets one a day). The timer never keeps the process alive; `stop` clears it on close.
 */
export async function startDailyBackups(ctx: CoreContext, opts: DailyBackupOptions): Promise<{ stop(): void }> {
  await takeDailyBackupIfDue(ctx);
  let running = false;
  const timer = setInterval(() => {
    if (running || !ctx.db.open) return;
    running = true;
    takeDailyBackupIfDue(ctx)
      .catch((error: unknown) => console.error('[core] daily backup failed', error))
      .finally(() => (running = false));
  }, opts.checkEveryMs ?? HOUR_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
