import { DEFAULT_FIELD_PORT } from '../../../shared/contract/field';
import type { CoreContext } from '../context';

/** The port saved in the app for the field server (8787 until changed). */
export function fieldPort(ctx: Pick<CoreContext, 'db' | 'townshipId'>): number {
  const row = ctx.db.prepare('SELECT port FROM field_server_config WHERE township_id = ?').get(ctx.townshipId) as { port: number } | undefined;
  return row?.port ?? DEFAULT_FIELD_PORT;
}

export function saveFieldPort(ctx: Pick<CoreContext, 'db' | 'townshipId' | 'now'>, port: number): void {
  const at = ctx.now().toISOString();
  ctx.db
    .prepare(
      `INSERT INTO field_server_config (township_id, port, created_at, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (township_id) DO UPDATE SET port = excluded.port, updated_at = excluded.updated_at`,
    )
    .run(ctx.townshipId, port, at, at);
}
