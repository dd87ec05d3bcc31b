import { randomBytes } from 'node:crypto';
import { AppError } from '../../../../shared/contract/errors';
import type { SheetData } from '../../../../shared/contract/sheets';

const TTL_MS = 10 * 60_000;

/** Sheets being issued: each lives here while its print view is printed to PDF, then goes. One per core. */
export class PendingSheets {
  private readonly pending = new Map<string, { data: SheetData; expires: number }>();

  /** Hold a sheet's data for its print view; the token is what the view is opened with. */
  hold(data: SheetData, now = Date.now()): string {
    for (const [token, p] of this.pending) if (p.expires < now) this.pending.delete(token);
    const token = randomBytes(16).toString('hex');
    this.pending.set(token, { data, expires: now + TTL_MS });
    return token;
  }

  release(token: string): void {
    this.pending.delete(token);
  }

  data(token: string): SheetData {
    const p = this.pending.get(token);
    if (!p || p.expires < Date.now()) {
      throw new AppError('not_found', { zh: '这份正在签发的日报已不存在（已完成或已超时）', en: 'This sheet is no longer being issued (finished or timed out)' });
    }
    return p.data;
  }
}
