import { describe, expect, it } from 'vitest';
import { changeEntrySchema, type ChangeEntry } from '../../../shared/contract/changeFeed';
import { compareHlc } from '../../../shared/sync/hlc';
import { ChangeFeed } from '../../../electron/core/db/feed/changeFeed';
import { DEMO } from '../../../electron/core/demo/constants';
import { tempCore } from '../../helpers/tempDir';
import { demoCore, fakePdf, ok, useRenderer, type Core } from '../sheets/helpers';

const line = { type: 'LineString', coordinates: [[124.2, 43.4], [124.21, 43.4]] };
const point = { type: 'Point', coordinates: [124.205, 43.401] };

function feedOf(core: Core): ChangeFeed {
  return new ChangeFeed(core.db, core.ctx.townshipId);
}

/** The row of a table as stored now, looked up as the feed names it. */
function stored(core: Core, e: ChangeEntry): Record<string, unknown> | null {
  return feedOf(core).current(e.table, e.rowId);
}

/**
 * Run one change through the dispatcher and return the feed entries it appended, in order. Every
 * entry is in the wire shape, and a row after an insert or update is the row as stored.
 */
async function change(core: Core, run: () => Promise<unknown>): Promise<ChangeEntry[]> {
  const feed = feedOf(core);
  const before = feed.lastSeq();
  await run();
  const entries = feed.since(before, 10_000).map((x) => x.entry);
  for (const e of entries) {
    expect(changeEntrySchema.parse(e)).toEqual(e);
    expect(e.townshipId).toBe(core.ctx.townshipId);
    expect(e.origin).toBe(feed.clock.origin());
  }
  // Clocks only go forward, in the order the entries were appended.
  for (let i = 1; i < entries.length; i++) expect(compareHlc(entries[i - 1]!.hlc, entries[i]!.hlc)).toBeLessThan(0);
  return entries;
}

const shape = (entries: ChangeEntry[]) => entries.map((e) => `${e.table}:${e.op}`);

describe('the change feed: every kind of office change, in order, through the API', () => {
  it('appends one entry per changed row, with the row as it is after the change, and every undo is an entry too', async () => {
    const core = await demoCore();
    const feed = feedOf(core);
    useRenderer(async () => fakePdf('feed'));

    // Settings, capacity parameters, deployment and field options: one store, one entry per key.
    const demoSettings = await ok<{ issuingOffice: string }>(core, 'settings.get', {});
    let e = await change(core, () => ok(core, 'settings.update', { townshipName: '四合乡', issuingOffice: '四合乡防汛办' }));
    expect(shape(e)).toEqual(['setting:update', 'setting:update']);
    expect(e.map((x) => x.rowId)).toEqual(['townshipName', 'issuingOffice']);
    expect(JSON.parse(String(e[0]!.row!.value_json))).toBe('四合乡');
    e = await change(core, () => ok(core, 'capacity.setSettings', { siltedAreaFactor: 0.5 }));
    expect(e.map((x) => [x.table, x.op, x.rowId])).toEqual([['setting', 'insert', 'capacity.siltedAreaFactor']]);
    e = await change(core, () => ok(core, 'deployments.setOptions', { ratedPumpM3h: 120 }));
    expect(e.map((x) => x.rowId)).toEqual(['deployments.ratedPumpM3h']);
    e = await change(core, () => ok(core, 'field.setPort', { port: 18787 }));
    expect(e.map((x) => [x.rowId, x.row!.value_json])).toEqual([['field.port', '18787']]);

    // Network features: insert, update, a soft delete as a tombstone.
    let ditchId = '';
    e = await change(core, async () => {
      ditchId = (await ok<{ id: string }>(core, 'network.create', { layer: 'ditch', geometry: line, properties: { kind: 'field', name: '试验条田沟' } })).id;
    });
    expect(shape(e)).toEqual(['ditch:insert']);
    expect(e[0]!.row).toEqual(stored(core, e[0]!));
    expect(e[0]!.baseHlc).toBeNull();
    const created = e[0]!;
    e = await change(core, () => ok(core, 'network.update', { layer: 'ditch', id: ditchId, properties: { condition: 'silted' } }));
    expect(shape(e)).toEqual(['ditch:update']);
    expect(e[0]!.row).toMatchObject({ id: ditchId, condition: 'silted' });
    expect(e[0]!.baseHlc).toBe(created.hlc);
    e = await change(core, () => ok(core, 'network.delete', { layer: 'ditch', id: ditchId }));
    expect(shape(e)).toEqual(['ditch:delete']);
    expect(e[0]!.row).toBeNull();

    // A blockage drawn at the desk: the point, its first lifecycle event, the status clock.
    let blockageId = '';
    e = await change(core, async () => {
      blockageId = (await ok<{ id: string }>(core, 'network.create', { layer: 'blockage', geometry: point, properties: { name: '试验堵点' } })).id;
    });
    // The point is inserted with its status clock already started: no update after the event.
    expect(shape(e)).toEqual(['blockage:insert', 'blockage_event:insert']);
    expect(e[0]!.row).toEqual(stored(core, e[0]!));
    expect(e[0]!.row!.status_at).toBe(e[0]!.row!.reported_at);
    expect(e[1]!.row).toMatchObject({ blockage_id: blockageId, to_status: 'reported', kind: 'report' });
    expect(e[1]!.row).toEqual(stored(core, e[1]!));

    // Teams and their token hashes.
    let teamId = '';
    e = await change(core, async () => {
      teamId = (await ok<{ id: string }>(core, 'teams.save', { name: '试验队', machines: { excavators: 1, longArmExcavators: 0, dumpTrucks: 0, pumps: 2 } })).id;
    });
    expect(shape(e)).toEqual(['team:insert']);
    let tokenId = '';
    e = await change(core, async () => {
      tokenId = (await ok<{ token: { id: string } }>(core, 'field.issueToken', { teamId, label: '王的手机' })).token.id;
    });
    expect(shape(e)).toEqual(['team_token:insert']);
    expect(e[0]!.row).toMatchObject({ team_id: teamId, revoked_at: null });
    expect(String(e[0]!.row!.token_hash)).toMatch(/^[0-9a-f]{64}$/);
    e = await change(core, () => ok(core, 'field.revokeToken', { tokenId }));
    expect(shape(e)).toEqual(['team_token:update']);
    expect(e[0]!.row!.revoked_at).not.toBeNull();

    // The lifecycle: an event and the blockage's new state, in that order.
    e = await change(core, () => ok(core, 'blockages.assign', { id: blockageId, teamId, note: '派工' }));
    expect(shape(e)).toEqual(['blockage_event:insert', 'blockage:update']);
    expect(e[1]!.row).toMatchObject({ status: 'assigned', team_id: teamId });
    e = await change(core, () => ok(core, 'blockages.note', { id: blockageId, note: '水位下降' }));
    expect(shape(e)).toEqual(['blockage_event:insert']);

    // Deployments, stations and rainfall.
    e = await change(core, () =>
      ok(core, 'deployments.saveDay', { date: DEMO.today, rows: [{ placeKind: 'site', place: '试验工地', task: 'patrol', people: 3 }] }),
    );
    expect(shape(e).filter((s) => s === 'deployment:insert')).toHaveLength(1);
    expect(e.find((x) => x.op === 'insert')!.row).toMatchObject({ place: '试验工地', people: 3 });
    let stationId = '';
    e = await change(core, async () => {
      stationId = (await ok<{ id: string }>(core, 'rainfall.saveStation', { name: '试验站', lon: null, lat: null })).id;
    });
    expect(shape(e)).toEqual(['rain_station:insert']);
    e = await change(core, () => ok(core, 'rainfall.save', { readings: [{ date: DEMO.today, stationId, mm: 12.5 }] }));
    expect(shape(e)).toEqual(['rain_reading:insert']);
    expect(e[0]!.row).toMatchObject({ station_id: stationId, mm: 12.5 });

    // The sheet: a draft, then the issued record.
    e = await change(core, () => ok(core, 'sheets.saveDraft', { date: DEMO.today, planText: '明日继续抽排' }));
    expect(e.map((x) => [x.table, x.rowId])).toEqual([['sheet_draft', DEMO.today]]);
    e = await change(core, () => ok(core, 'sheets.issue', { date: DEMO.today }));
    expect(shape(e)).toEqual(['sheet:insert']);
    expect(e[0]!.row).toMatchObject({ date: DEMO.today, number: 1 });

    // A file import: its batch record with the counts, every feature, each as stored.
    const geojson = { type: 'FeatureCollection', features: [1, 2].map((i) => ({ type: 'Feature', geometry: { ...line, coordinates: [[124.3, 43.4 + i / 100], [124.31, 43.4 + i / 100]] }, properties: { layer: 'ditch', kind: 'field', name: `导入沟${i}` } })) };
    const p = await ok<{ previewId: string }>(core, 'import.preview', { fileName: 'two.geojson', dataBase64: Buffer.from(JSON.stringify(geojson)).toString('base64') });
    e = await change(core, () => ok(core, 'import.commit', { previewId: p.previewId, crs: 'wgs84' }));
    expect(shape(e)).toEqual(['import_batch:insert', 'ditch:insert', 'ditch:insert']);
    expect(JSON.parse(String(e[0]!.row!.counts_json))).toMatchObject({ ditch: 2 });
    for (const x of e) expect(x.row).toEqual(stored(core, x));
    expect(new Set(e.map((x) => x.batchId)).size).toBe(1);
    const importBatch = e[0]!.batchId;

    // Every undo writes entries of its own, and the rows go back.
    e = await change(core, () => ok(core, 'network.undo', {}));
    expect(shape(e)).toEqual(['ditch:delete', 'ditch:delete']);
    e = await change(core, () => ok(core, 'blockages.undo', {}));
    expect(shape(e)).toEqual(['blockage_event:insert', 'blockage:update']);
    expect(e[1]!.row).toMatchObject({ status: 'reported', team_id: null });
    e = await change(core, () => ok(core, 'rainfall.undo', {}));
    expect(shape(e)).toEqual(['rain_reading:delete']);
    e = await change(core, () => ok(core, 'deployments.undo', {}));
    expect(shape(e)).toContain('deployment:delete');
    e = await change(core, () => ok(core, 'settings.undo', {}));
    expect(e.map((x) => [x.table, x.op, x.rowId])).toEqual([['setting', 'update', 'townshipName'], ['setting', 'update', 'issuingOffice']]);
    expect(await ok(core, 'settings.get', {})).toMatchObject({ issuingOffice: demoSettings.issuingOffice });

    // The undone batches are marked in the local feed; the marks are the only edit it allows.
    const marked = core.db.prepare('SELECT count(*) AS n FROM change_feed WHERE batch_id = ? AND undone_by IS NOT NULL').get(importBatch) as { n: number };
    expect(marked.n).toBe(3);
    expect(() => core.db.prepare("UPDATE change_feed SET row_json = '{}' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => core.db.prepare('DELETE FROM change_feed WHERE seq = 1').run()).toThrow(/append-only/);
    expect(() => core.db.prepare("UPDATE change_feed SET undone_by = 'again' WHERE undone_by IS NOT NULL").run()).toThrow(/append-only/);

    // The history views read the feed: the import is one row per layer, named for its file.
    const history = await ok<{ action: string; featureName: string }[]>(core, 'network.history', {});
    expect(history.map((h) => [h.action, h.featureName]).slice(0, 2)).toEqual([['undo', '导入沟1'], ['undo', '导入沟2']]);
    expect(history.find((h) => h.action === 'import')?.featureName).toBe('two.geojson（2）');
    expect(feed.pendingCount(0)).toBe(feed.since(0, 1_000_000).length);
  });
});

describe('applyRemote: changes made elsewhere', () => {
  async function rig() {
    const core = await demoCore();
    const feed = feedOf(core);
    const t = core.ctx.townshipId;
    const clock = (offsetMs: number, counter = 0) => `${String(Date.now() + offsetMs).padStart(15, '0')}-${String(counter).padStart(6, '0')}-county`;
    const entry = (over: Partial<ChangeEntry>): ChangeEntry => ({
      changeId: crypto.randomUUID(),
      townshipId: t,
      table: 'team',
      rowId: 'x',
      op: 'insert',
      row: null,
      hlc: clock(0),
      baseHlc: null,
      origin: 'county',
      batchId: 'b1',
      source: 'sync',
      at: new Date().toISOString(),
      ...over,
    });
    return { core, feed, t, clock, entry };
  }

  const teamRow = (t: string, id: string, name: string) => ({
    id, township_id: t, name, leader: '', phone: '', excavators: 0, long_arm_excavators: 0, dump_trucks: 0, pumps: 0, note: '', source: 'desk',
    created_at: '2026-08-01T00:00:00.000Z', updated_at: '2026-08-01T00:00:00.000Z', deleted_at: null,
  });

  it('applies an insert once (a second delivery is a duplicate), a tombstone as a soft delete, and moves the clock past it', async () => {
    const { core, feed, t, clock, entry } = await rig();
    const id = crypto.randomUUID();
    const insert = entry({ rowId: id, row: teamRow(t, id, '县里建的队'), hlc: clock(3_600_000) });
    expect(feed.applyRemote(insert)).toBe('applied');
    expect(feed.applyRemote(insert)).toBe('duplicate');
    expect((await ok<{ name: string }[]>(core, 'teams.list', {})).map((x) => x.name)).toContain('县里建的队');
    const mine = feed.since(feed.lastSeq() - 1, 1)[0]!.entry;
    expect(mine).toEqual(insert);
    // Our next clock is later than the remote one, though it was an hour ahead of our wall time.
    expect(compareHlc(feed.clock.tick().hlc, insert.hlc)).toBeGreaterThan(0);

    expect(feed.applyRemote(entry({ rowId: id, op: 'delete', row: null, hlc: clock(3_600_000, 5), baseHlc: insert.hlc }))).toBe('applied');
    expect(feed.current('team', id)!.deleted_at).not.toBeNull();
    expect((await ok<{ id: string }[]>(core, 'teams.list', {})).map((x) => x.id)).not.toContain(id);
  });

  it('removes a row of a table without soft deletes, and does not apply a change older than the row\'s newest', async () => {
    const { core, feed, t, clock, entry } = await rig();
    await ok(core, 'settings.update', { townshipName: '本机改名' });
    const local = feed.latestClock('setting', 'townshipName')!;
    const older = entry({ table: 'setting', rowId: 'townshipName', op: 'update', hlc: clock(-3_600_000), row: { township_id: t, key: 'townshipName', value_json: '"县里改名"', created_at: 'a', updated_at: 'a' } });
    expect(compareHlc(older.hlc, local)).toBeLessThan(0);
    const seq = feed.lastSeq();
    expect(feed.applyRemote(older)).toBe('older');
    expect(feed.lastSeq()).toBe(seq);
    expect(await ok(core, 'settings.get', {})).toMatchObject({ townshipName: '本机改名' });

    const newer = { ...older, changeId: crypto.randomUUID(), hlc: clock(1000), baseHlc: local };
    expect(feed.applyRemote(newer)).toBe('applied');
    expect(await ok(core, 'settings.get', {})).toMatchObject({ townshipName: '县里改名' });
    expect(feed.applyRemote(entry({ table: 'setting', rowId: 'townshipName', op: 'delete', row: null, hlc: clock(2000) }))).toBe('applied');
    expect(feed.current('setting', 'townshipName')).toBeNull();
    expect(await ok(core, 'settings.get', {})).toMatchObject({ townshipName: '未命名乡镇' });
  });

  it('refuses unknown tables, unknown columns, local-only tables, another township and a clock far ahead, changing nothing', async () => {
    const { core, feed, t, clock, entry } = await rig();
    const id = crypto.randomUUID();
    const before = feed.lastSeq();
    const teams = (await ok<unknown[]>(core, 'teams.list', {})).length;
    const bad: [ChangeEntry, RegExp][] = [
      [entry({ table: 'no_such_table', rowId: id, row: { id } }), /unknown table/],
      [entry({ rowId: id, row: { ...teamRow(t, id, '甲'), colour: 'red' } }), /has no column colour/],
      [entry({ table: 'change_feed', rowId: '1', row: { seq: 1 } }), /unknown table/],
      [entry({ table: 'feed_state', rowId: '1', row: { id: 1 } }), /unknown table/],
      [entry({ townshipId: 'another', rowId: id, row: teamRow('another', id, '乙') }), /another township/],
      [entry({ rowId: id, row: teamRow(t, id, '丙'), hlc: clock(3 * 24 * 3_600_000) }), /more than a day ahead/],
      [entry({ rowId: id, row: teamRow(t, crypto.randomUUID(), '丁') }), /does not match the row/],
      [entry({ rowId: id, op: 'update', row: null }), /carries no row/],
    ];
    for (const [e, message] of bad) {
      expect(() => feed.applyRemote(e)).toThrow(message);
    }
    expect(feed.lastSeq()).toBe(before);
    expect(feed.current('team', id)).toBeNull();
    expect(await ok<unknown[]>(core, 'teams.list', {})).toHaveLength(teams);
  });

  it('carries a blockage and its events to another desk of the same township, numbering events there', async () => {
    const { core, feed } = await rig();
    // Far from the demo's ditches, so it sits on none (the replica has no network).
    const b = await ok<{ id: string }>(core, 'network.create', { layer: 'blockage', geometry: { type: 'Point', coordinates: [125.5, 44.5] }, properties: { name: '同步堵点' } });
    const made = feed.since(0, 1_000_000).map((x) => x.entry).filter((x) => x.rowId === b.id || x.row?.blockage_id === b.id);
    // Another desk (its own township id stands in for the same township here).
    const replica = await tempCore();
    const other = new ChangeFeed(replica.db, replica.ctx.townshipId);
    const retarget = (x: ChangeEntry): ChangeEntry => {
      const t = replica.ctx.townshipId;
      const row = x.row ? { ...x.row, township_id: t } : null;
      return { ...x, townshipId: t, row };
    };
    expect(made.map((x) => other.applyRemote(retarget(x)))).toEqual(['applied', 'applied']);
    const event = replica.db.prepare('SELECT seq, to_status FROM blockage_event WHERE blockage_id = ?').get(b.id) as { seq: number; to_status: string };
    expect(event.to_status).toBe('reported');
    expect(event.seq).toBe((replica.db.prepare('SELECT max(seq) AS s FROM blockage_event').get() as { s: number }).s);
    expect(await ok(replica, 'blockages.get', { id: b.id })).toMatchObject({ blockage: { name: '同步堵点', status: 'reported' } });
  });
});

describe('touchedSince: what a cache patches itself from', () => {
  it('names the rows of the asked tables written after a point, oldest first, and nothing of other tables', async () => {
    const core = await demoCore();
    const feed = feedOf(core);
    const before = feed.lastSeq();
    await ok(core, 'settings.update', { townshipName: '四合乡', issuingOffice: '四合乡防汛办' });
    const touched = feed.touchedSince(before, ['setting']);
    expect(touched.map((t) => [t.table, t.rowId, t.op])).toEqual([['setting', 'townshipName', 'update'], ['setting', 'issuingOffice', 'update']]);
    expect(touched[0]!.seq).toBeLessThan(touched[1]!.seq);
    expect(feed.touchedSince(before, ['ditch', 'culvert'])).toEqual([]);
    expect(feed.touchedSince(touched[1]!.seq, ['setting'])).toEqual([]);
  });
});
