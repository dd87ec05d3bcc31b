import { randomUUID } from 'node:crypto';
import type { CoreContext } from '../../context';
import type { EventDbRow } from '../../db/repositories/blockageRepository';
import { NetworkRepository, type FeatureRow } from '../../db/repositories/networkRepository';
import { defaults, geometryColumns } from '../network/features';
import { recordReport, type Actor } from './lifecycle';
import { locatePoint } from './locate';

/** A new blockage reported from the field or read from an imported file. */
export interface NewReport {
  position: [number, number];
  /** The phone's GPS accuracy for `position`, metres. */
  accuracyM?: number | null;
  name: string;
  village?: string;
  note: string;
  /** When it was found (the photo's time, the phone's time); defaults to now. */
  at?: string;
  photo?: string | null;
  clientId?: string | null;
}

/**
 * Insert a reported blockage with its first event (who reported it, the photo, the position); its
 * feed entry is a map edit, so the map's history and undo see it like any other new point.
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
  new NetworkRepository(ctx.db, ctx.townshipId).insert('blockage', row, { batchId, source: who.source, at: now, action: importBatchId ? 'import' : 'create' });
  const event = recordReport(ctx, who, String(row.id), {
    status: 'reported',
    at,
    note: report.note,
    photo: report.photo ?? null,
    position: report.position,
    accuracyM: report.accuracyM ?? null,
    clientId: report.clientId ?? null,
    batchId,
  });
  return { id: String(row.id), event };
}
