import { randomBytes } from 'node:crypto';
import { AppError } from '../../../../shared/contract/errors';
import type { SheetData } from '../../../../shared/contract/sheets';

/** A sheet being issued lives here while its print view is printed to PDF, then goes. */
const pending = new Map<string, { data: SheetData; expires: number }>();
const TTL_MS = 10 * 60_000;

/** Hold a sheet's data for its print view; the token is what the view is opened with. */
export function holdPending(data: SheetData, now = Date.now()): string {
  for (const [token, p] of pending) if (p.expires < now) pending.delete(token);
  const token = randomBytes(16).toString('hex');
  pending.set(token, { data, expires: now + TTL_MS });
  return token;
}

export function releasePending(token: string): void {
  pending.delete(token);
}

export function pendingData(token: string): SheetData {
  const p = pending.get(token);
  if (!p || p.expires < Date.now()) {
    throw new AppError('not_found', { zh: '这份正在签发的日报已不存在（已完成或已超时）', en: 'This sheet is no longer being issued (finished or timed out)' });
  }
  return p.data;
}
