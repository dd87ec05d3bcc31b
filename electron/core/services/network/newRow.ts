import type { Geometry } from 'geojson';
import type { Layer } from '../../../../shared/domain/network';
import type { FeatureRow } from '../../db/repositories/networkRepository';
import { reportState, type Actor } from '../blockages/lifecycle';
import { defaults, geometryColumns } from './features';

/** One new feature ready to insert. Used by desk edits, imports and the demo alike. */
export interface NewFeature {
  layer: Layer;
  geometry: Geometry;
  properties: Record<string, unknown>;
  id?: string;
}

/**
 * Features per bulk write. The rows built for a slice (and their feed copies) are garbage once it
 * is written, so they die young: building all 50,000 rows first kept them alive through every
 * minor GC and the collector copied them twice (a second of an import went to GC).
 */
export const INSERT_SLICE = 500;

/** Who writes new rows and when: what every row of one insert shares. */
export interface RowStamp {
  townshipId: string;
  source: string;
  importBatchId: string | null;
  at: string;
  who: Actor;
}

/** A new feature as the row to insert: defaults, its attributes, the computed geometry columns, the stamp (and a blockage's report state). */
export function newFeatureRow(f: NewFeature, id: string, stamp: RowStamp): FeatureRow {
  const row: FeatureRow = {
    ...defaults(f.layer),
    ...(f.properties as FeatureRow),
    ...geometryColumns(f.layer, f.geometry),
    id,
    township_id: stamp.townshipId,
    source: stamp.source,
    import_batch_id: stamp.importBatchId,
    created_at: stamp.at,
    updated_at: stamp.at,
    deleted_at: null,
  };
  // Stored as its JSON text (so the repository need not copy the row to bind it).
  const attributes = row.attributes as unknown;
  if (typeof attributes === 'object' && attributes !== null) row.attributes = JSON.stringify(attributes);
  if (f.layer === 'blockage') {
    if (!row.reported_at) row.reported_at = stamp.at;
    const state = reportState(stamp.who, { at: String(row.reported_at) });
    row.status_at = state.statusAt;
    row.reported_by_team_id = state.reportedByTeamId;
  }
  return row;
}

