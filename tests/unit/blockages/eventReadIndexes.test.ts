import { describe, expect, it } from 'vitest';
import { SELECT_BLOCKAGE_EVENT, SELECT_BLOCKAGE_ROW } from '../../../electron/core/db/repositories/blockageRepository';
import { migration0007 } from '../../../electron/core/db/migrations/0007-blockage-event-read-indexes';
import { schemaVersion } from '../../../electron/core/db/migrate';
import { tempCore } from '../../helpers/tempDir';

/** SQLite's plan for a statement, one line per step. */
function plan(db: Awaited<ReturnType<typeof tempCore>>['db'], sql: string, ...params: unknown[]): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
}

describe('reading a blockage costs the same whatever the history (issue 16)', () => {
  it('reads one blockage and its events through indexes, never a scan of every event', async () => {
    const core = await tempCore();
    expect(schemaVersion(core.db)).toBeGreaterThanOrEqual(migration0007.version);
    const one = plan(core.db, `${SELECT_BLOCKAGE_ROW} WHERE b.id = ? AND b.township_id = ?`, 'x', core.ctx.townshipId);
    // Every read of blockage_event goes through an index on blockage_id; nothing groups the whole table.
    const eventReads = one.filter((d) => / x\b| x USING|blockage_event/.test(d));
    expect(eventReads.length).toBeGreaterThanOrEqual(4);
    for (const d of eventReads) expect(d, d).toMatch(/USING (COVERING )?INDEX/);
    expect(one.join('\n')).not.toMatch(/SCAN blockage_event|SCAN ev\b|MATERIALIZE|GROUP BY/);
    expect(one.join('\n')).toMatch(/blockage_event_photo/);
    // The timeline's "undone?" check looks the undo up by index, not by scanning every event per event.
    const timeline = plan(core.db, `${SELECT_BLOCKAGE_EVENT} WHERE ev.blockage_id = ? ORDER BY ev.seq`, 'x');
    expect(timeline.join('\n')).toMatch(/blockage_event_undoes/);
    expect(timeline.join('\n')).not.toMatch(/SCAN u\b/);
  });
});
