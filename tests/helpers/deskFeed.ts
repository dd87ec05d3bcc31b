import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { openCore, type Core } from '../../electron/core/app';
import { seedDemo } from '../../electron/core/demo';
import type { ChangeEntry } from '../../shared/contract/changeFeed';
import { formatHlc } from '../../shared/sync/hlc';

/** Desk tables that are local machinery, not office data: never synced. */
const LOCAL = /^(sqlite_|geo_feature|geo_rtree|.*_change$)/;

/** A row's feed id: its `id`, else its `key` (settings), else its primary key columns joined. */
function rowIdOf(db: Database, table: string, row: Record<string, unknown>): string {
  if (typeof row.id === 'string') return row.id;
  if (typeof row.key === 'string') return row.key;
  const pk = (db.prepare('SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk').all(table) as { name: string }[]).map((c) => String(row[c.name]));
  return pk.join('/');
}

/**
 * Every office row of a desk as insert entries, as the change feed (issue 10) would have them after
 * the desk's first save of each: the fixture tests and benches push through the real endpoint.
 * `shiftLon` moves the geometry east, so two demo townships lie side by side on the county map.
 */
export function snapshotEntries(core: Core, origin: string, opts: { shiftLon?: number; wallMs?: number } = {}): ChangeEntry[] {
  const db = core.db;
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid`).all() as { name: string }[])
    .map((t) => t.name)
    .filter((t) => !LOCAL.test(t));
  const out: ChangeEntry[] = [];
  let counter = 0;
  const wallMs = opts.wallMs ?? Date.parse('2026-08-10T10:00:00Z');
  const batchId = randomUUID();
  for (const table of tables) {
    const cols = (db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map((c) => c.name);
    if (!cols.includes('township_id') && table !== 'township') continue;
    for (const row of db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]) {
      if (opts.shiftLon && typeof row.geometry === 'string') row.geometry = shiftGeometry(row.geometry, opts.shiftLon);
      out.push({
        changeId: randomUUID(),
        townshipId: core.ctx.townshipId,
        table,
        rowId: rowIdOf(db, table, row),
        op: 'insert',
        row,
        hlc: formatHlc({ wallMs, counter: counter++ % 999_999, origin }),
        baseHlc: null,
        origin,
        batchId,
        source: 'demo',
        at: new Date(wallMs).toISOString(),
      });
    }
  }
  return out;
}

function shiftGeometry(text: string, dLon: number): string {
  const shift = (c: unknown): unknown => (Array.isArray(c) && typeof c[0] === 'number' ? [c[0] + dLon, ...c.slice(1)] : Array.isArray(c) ? c.map(shift) : c);
  const g = JSON.parse(text) as { type: string; coordinates: unknown };
  return JSON.stringify({ ...g, coordinates: shift(g.coordinates) });
}

/** A desk data folder with the demo township in it. */
export async function demoDesk(dataDir: string): Promise<Core> {
  const core = await openCore({ dataDir, transport: 'test', now: () => new Date('2026-08-10T10:00:00Z') });
  seedDemo(core);
  return core;
}

/** Push entries in batches through the real endpoint; answers the summed counts. */
export async function pushAll(url: string, key: string, entries: readonly ChangeEntry[], batch = 500): Promise<{ accepted: number; duplicates: number; conflicts: number }> {
  const sum = { accepted: 0, duplicates: 0, conflicts: 0 };
  for (let i = 0; i < entries.length; i += batch) {
    const res = await fetch(`${url}/sync/push`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
      body: JSON.stringify({ entries: entries.slice(i, i + batch) }),
    });
    const body = (await res.json()) as typeof sum & { error?: { message: string } };
    if (!res.ok) throw new Error(`push failed (${res.status}): ${body.error?.message}`);
    sum.accepted += body.accepted;
    sum.duplicates += body.duplicates;
    sum.conflicts += body.conflicts;
  }
  return sum;
}
