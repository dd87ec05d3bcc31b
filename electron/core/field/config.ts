import type { CoreContext } from '../context';
import { readSetting, writeSettings } from '../services/settings/store';

/** The port saved in the app for the field server (8787 until changed). */
export function fieldPort(ctx: Pick<CoreContext, 'db' | 'townshipId' | 'now'>): number {
  return readSetting(ctx, 'field.port');
}

/** Keep the port the field server was last started on (a setting, with its history in the feed). */
export function saveFieldPort(ctx: Pick<CoreContext, 'db' | 'townshipId' | 'now' | 'source'>, port: number): void {
  writeSettings(ctx, { 'field.port': port });
}
