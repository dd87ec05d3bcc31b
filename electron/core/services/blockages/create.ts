import { randomUUID } from 'node:crypto';
import type { CoreContext } from '../../context';
import type { EventDbRow } from '../../db/repositories/blockageRepository';
import { NetworkRepository, type FeatureRow } from '../../db/repositories/networkRepository';
import { defaults, geometryColumns } from '../network/features';
import type { Actor } from './lifecycle';
import { locatePoint } from './locate';
import { blockageRepo } from './views';

/** A new blockage reported from the field or read from an imported file. */
export interface NewReport {
  position: [number, number];
  name: string;
  village?: string;
  note: string;
  /** When it was found (the photo's time, the phone's time); defaults to now. */
  at?: string;
  photo?: string | null;
  clientId?: string | null;
}

/**
 * Insert a reported blockage with its first event (who reported it, the photo, the position) and
 * a network change-log row, so the map's history and undo see it like any other new point.
 * The caller holds the transaction; `batchId` groups an import so it undoes as one.
 */
export function createReport(ctx: CoreContext, who: Actor, report: NewReport, batchId: string, importBatchId: string | null = null): { id: string; event: EventDbRow } {
  const now = ctx.now().toISOString();
  const at = report.at ?? now;
  const geometry = { type: 'Point' as const, coordinates: report.position };
  const place = locatePoint(ctx, report.position[0], report.position[1]);
  const row: FeatureRow = {
    ...defaults('blockage'),
    ...geometryColumns('blockage', geometry),
    id: randomUUID(),
    township_id: ctx.townshipId,
    name: report.name,
    village: report.village || place.village,
    ditch_id: place.ditchId,
    status: 'reported',
    reported_at: at,
    note: report.note,
    source: who.source === 'demo' ? 'demo' : who.source,
    import_batch_id: importBatchId,
    created_at: now,
    updated_at: now,
    deleted_at: null,
  };
  const network = new NetworkRepository(ctx.db, ctx.townshipId);
  network.insert('blockage', row);
  const repo = blockageRepo(ctx);
  const event = repo.insertEvent(
    {
      id: randomUUID(),
      blockage_id: String(row.id),
      at,
      actor: who.actor,
      source: who.source,
      from_status: null,
      to_status: 'reported',
      note: report.note,
      photo: report.photo ?? null,
      lon: report.position[0],
      lat: report.position[1],
      client_id: report.clientId ?? null,
      kind: 'report',
      team_id: who.teamId,
      from_team_id: null,
      to_team_id: null,
      machines_json: null,
      undoes_event_id: null,
    },
    now,
  );
  ctx.db.prepare('UPDATE blockage SET status_at = ? WHERE id = ?').run(at, row.id);
  if (who.teamId) repo.setReportedBy(String(row.id), who.teamId);
  network.recordChange({ id: randomUUID(), batchId, layer: 'blockage', featureId: String(row.id), action: importBatchId ? 'import' : 'create', before: null, after: row, source: who.source, at: now });
  return { id: String(row.id), event };
}
