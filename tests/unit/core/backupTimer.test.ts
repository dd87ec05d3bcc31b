import { describe, expect, it } from 'vitest';
import { listBackups } from '../../../electron/core/db/backups';
import { tempCore } from '../../helpers/tempDir';

const dailyOn = (dir: string, day: string) => listBackups(dir).filter((b) => b.reason === 'daily' && b.createdAt.startsWith(day));

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('the daily backup while the app runs', () => {
  it('takes one on open, one more when the day turns, and none after close', async () => {
    let now = new Date('2026-07-15T10:00:00Z');
    const core = await tempCore({ now: () => now, dailyBackup: { checkEveryMs: 20 } });
    const dir = core.ctx.backupsDir;
    expect(dailyOn(dir, '2026-07-15')).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(dailyOn(dir, '2026-07-15')).toHaveLength(1); // once a day, not once a check

    now = new Date('2026-07-16T00:30:00Z');
    await until(() => dailyOn(dir, '2026-07-16').length === 1);

    core.close();
    now = new Date('2026-07-17T00:30:00Z');
    await new Promise((r) => setTimeout(r, 150));
    expect(dailyOn(dir, '2026-07-17')).toHaveLength(0);
  });
});
