import { openCore, type Core } from '../../electron/core/app';
import { ChangeFeed } from '../../electron/core/db/feed/changeFeed';
import { seedDemo } from '../../electron/core/demo';
import type { ChangeEntry } from '../../shared/contract/changeFeed';

/**
 * Everything in a desk's change feed as it goes on the wire (what the desk's sync client pushes),
 * for fixtures pushed through the real endpoint. `shiftLon` moves the geometry east, so two demo
 * townships lie side by side on the county map.
 */
export function deskEntries(core: Core, opts: { shiftLon?: number } = {}): ChangeEntry[] {
  const entries = new ChangeFeed(core.db, core.ctx.townshipId).since(0, Number.MAX_SAFE_INTEGER).map((x) => x.entry);
  if (!opts.shiftLon) return entries;
  return entries.map((e) =>
    e.row && typeof e.row.geometry === 'string' ? { ...e, row: { ...e.row, geometry: shiftGeometry(e.row.geometry, opts.shiftLon!) } } : e,
  );
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
