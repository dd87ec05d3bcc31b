import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeEntry } from '../../../shared/contract/changeFeed';
import { formatHlc } from '../../../shared/sync/hlc';
import { migration0001 } from '../../../electron/core/db/migrations/0001-township-settings';
import { migration0015 } from '../../../electron/core/db/migrations/0015-conflict-review';
import { migration0008 } from '../../../electron/core/db/migrations/0008-sync';
import { applyMigrations } from '../../../electron/core/db/migrate';
import { SyncConflictRepository } from '../../../electron/core/db/repositories/syncConflictRepository';
import { SyncStateRepository } from '../../../electron/core/db/repositories/syncStateRepository';
import { SYNC_BLOB_TABLE, sha256 } from '../../../electron/core/services/sync/blobs';
import type { ApplyOutcome, NumberedEntry, SyncFeed } from '../../../electron/core/services/sync/feedPort';
import { PUSH_FEED_BATCH } from '../../../electron/core/services/sync/push';
import { syncRound } from '../../../electron/core/services/sync/round';
import type { RoundDeps } from '../../../electron/core/services/sync/roundDeps';
import { SyncTransport } from '../../../electron/core/services/sync/transport';
import { SyncWire } from '../../../electron/core/services/sync/wire';
import { SyncFailure } from '../../../electron/core/services/sync/failure';
import { startFakeCounty, type FakeCounty } from './fakeCounty';

const T = 'township-1';

/** An in-memory feed with the real contract's behaviour: applyRemote is idempotent by change id. */
class MemoryFeed implements SyncFeed {
  entries: NumberedEntry[] = [];
  applied: ChangeEntry[] = [];
  constructor(private readonly me: string) {}
  installationId = () => this.me;
  since = (seq: number, limit: number) => this.entries.filter((e) => e.seq > seq).slice(0, limit);
  pendingCount = (after: number) => this.entries.filter((e) => e.seq > after && e.entry.origin === this.me).length;
  ownOfficeChanges = () => this.pendingCount(0);
  latestClock = () => null;
  writeLocal = () => undefined;
  applyRemote = (entry: ChangeEntry): ApplyOutcome => {
    if (this.entries.some((e) => e.entry.changeId === entry.changeId)) return 'duplicate';
    this.applied.push(entry);
    this.append(entry);
    return 'applied';
  };
  append(entry: ChangeEntry) {
    this.entries.push({ seq: this.entries.length + 1, entry });
  }
  /** A local edit of a row. */
  edit(table: string, row: Record<string, unknown>, ms = Date.now()) {
    this.append({ changeId: randomUUID(), townshipId: T, table, rowId: String(row.id), op: 'insert', row: { township_id: T, ...row }, hlc: formatHlc({ wallMs: ms, counter: this.entries.length, origin: this.me }), baseHlc: null, origin: this.me, batchId: 'b', source: 'desk', at: new Date(ms).toISOString() });
  }
}

interface Desk {
  db: Database.Database;
  dir: string;
  feed: MemoryFeed;
  deps: RoundDeps;
}

let county: FakeCounty;
const desks: Desk[] = [];
beforeEach(async () => {
  county = await startFakeCounty();
});
afterEach(async () => {
  for (const d of desks.splice(0)) {
    await d.deps.wire.transport.close();
    d.db.close();
    rmSync(d.dir, { recursive: true, force: true });
  }
  await county.close();
});

function desk(me: string): Desk {
  const db = new Database(':memory:');
  // Conflict reviews (sync_conflict_review) come with migration conflict-review.
  applyMigrations(db, [migration0001, { ...migration0008, version: 2 }, { ...migration0015, version: 3 }]);
  // sync_state's public_url comes with migration field-gps-accuracy, which also alters blockage_event, a table this reduced desk lacks.
  db.exec('ALTER TABLE sync_state ADD COLUMN public_url TEXT');
  db.prepare("INSERT INTO township (id, name, created_at, updated_at) VALUES (?, '双河乡', 'x', 'x')").run(T);
  const links = new SyncStateRepository(db);
  links.enrol({ townshipId: T, serverUrl: county.server.url, key: 'k'.repeat(64), caFile: null, at: new Date().toISOString() });
  const feed = new MemoryFeed(me);
  const dir = mkdtempSync(join(tmpdir(), 'draindesk-round-'));
  const transport = new SyncTransport({ serverUrl: county.server.url, key: 'k'.repeat(64), attempts: 1, timeoutMs: 2_000 });
  const d: Desk = { db, dir, feed, deps: { db, dataDir: dir, now: () => new Date(), feed, links, conflicts: new SyncConflictRepository(db, T), wire: new SyncWire(transport) } };
  desks.push(d);
  return d;
}

const ids = (entries: ChangeEntry[]) => entries.map((e) => e.changeId);

describe('one sync round', () => {
  it('pushes only what was made here, in batches, and moves the ack after each answered batch', async () => {
    const a = desk('desk-a');
    for (let i = 0; i < PUSH_FEED_BATCH + 10; i++) a.feed.edit('ditch', { id: `d${i}`, name: `沟${i}` });
    a.feed.append({ ...{ changeId: randomUUID(), townshipId: T, table: 'ditch', rowId: 'x', op: 'insert', row: { id: 'x' }, hlc: formatHlc({ wallMs: 1, counter: 0, origin: 'desk-b' }), baseHlc: null, origin: 'desk-b', batchId: 'b', source: 'sync', at: new Date().toISOString() } });
    const r = await syncRound(a.deps);
    expect(r.pushed).toBe(PUSH_FEED_BATCH + 10);
    expect(county.pushes).toBe(2);
    expect(county.feed.every((e) => e.origin === 'desk-a')).toBe(true);
    expect(a.deps.links.get()!.pushAckSeq).toBe(PUSH_FEED_BATCH + 11);
    // Nothing new: the next round pushes nothing.
    expect((await syncRound(a.deps)).pushed).toBe(0);
  });

  it('a push cut off after the server took it is sent again and counted as duplicates, never doubled', async () => {
    const a = desk('desk-a');
    for (let i = 0; i < 5; i++) a.feed.edit('ditch', { id: `d${i}` });
    // The server stores the batch, then the connection drops before the desk hears the answer.
    county.fail = (req) => {
      if (req.path !== '/sync/push') return null;
      county.fail = null;
      county.feed.push(...(JSON.parse(req.body.toString()) as { entries: ChangeEntry[] }).entries);
      return 'drop';
    };
    await expect(syncRound(a.deps)).rejects.toBeInstanceOf(SyncFailure);
    expect(a.deps.links.get()!.pushAckSeq).toBe(0);
    const again = await syncRound(a.deps);
    expect(again.duplicates).toBe(5);
    expect(county.feed).toHaveLength(5);
    expect(a.deps.links.get()!.pushAckSeq).toBe(5);
  });

  it('a pull cut off mid-way keeps the applied batches with their cursor; the next round goes on from there', async () => {
    const a = desk('desk-a');
    const b = desk('desk-b');
    for (let i = 0; i < 1200; i++) a.feed.edit('ditch', { id: `d${i}` });
    await syncRound(a.deps);
    let pulls = 0;
    county.fail = (req) => (req.path === '/sync/pull' && ++pulls === 2 ? 'drop' : null);
    await expect(syncRound(b.deps)).rejects.toMatchObject({ kind: 'unreachable' });
    expect(b.feed.applied).toHaveLength(500);
    expect(b.deps.links.get()!.pullCursor).toBe('500');
    county.fail = null;
    const r = await syncRound(b.deps);
    expect(r.pulled).toBe(700);
    expect(ids(b.feed.applied)).toEqual(ids(county.feed));
  });

  it('a batch that cannot be applied is refused whole, its cursor stays, and the status says which change', async () => {
    const a = desk('desk-a');
    const b = desk('desk-b');
    a.feed.edit('ditch', { id: 'ok' });
    a.feed.edit('ditch', { id: 'bad' });
    await syncRound(a.deps);
    b.feed.applyRemote = (e) => {
      if (e.rowId === 'bad') throw new Error('clock a year ahead');
      return 'applied';
    };
    const failure = (await syncRound(b.deps).catch((e: unknown) => e)) as SyncFailure;
    expect(failure.kind).toBe('local');
    expect(failure.messageZh).toContain('ditch bad');
    expect(b.deps.links.get()!.pullCursor).toBe('');
  });

  it('a photo goes up as a blob before its row, and comes down into the other desk’s photos folder', async () => {
    const a = desk('desk-a');
    const b = desk('desk-b');
    const name = `${randomUUID()}.jpg`;
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3, 4]);
    mkdirSync(join(a.dir, 'photos'));
    writeFileSync(join(a.dir, 'photos', name), bytes);
    a.feed.edit('blockage_event', { id: 'e1', photo: name, note: '现场' });
    const up = await syncRound(a.deps);
    expect(up.blobsUp).toBe(1);
    expect([...county.blobs.keys()]).toEqual([sha256(bytes)]);
    expect(county.feed.map((e) => e.table)).toEqual([SYNC_BLOB_TABLE, 'blockage_event']);
    const down = await syncRound(b.deps);
    expect(down.blobsDown).toBe(1);
    expect(readFileSync(join(b.dir, 'photos', name)).equals(bytes)).toBe(true);
    // The announcement is not a row of any desk table; the event is.
    expect(b.feed.applied.map((e) => e.table)).toEqual(['blockage_event']);
    // Pulled again from the start: nothing is downloaded or applied twice.
    b.deps.links.saveCursor('', new Date().toISOString());
    const again = await syncRound(b.deps);
    expect(again.blobsDown).toBe(0);
    expect(b.feed.applied).toHaveLength(1);
  });

  it('an issued sheet PDF travels the same way, into sheets/<season>/ on the other desk', async () => {
    const a = desk('desk-a');
    const b = desk('desk-b');
    const path = 'sheets/2026/sheet-2026-001-2026-07-01-abcdef12.pdf';
    const bytes = Buffer.from('%PDF-1.7 issued sheet');
    mkdirSync(join(a.dir, 'sheets', '2026'), { recursive: true });
    writeFileSync(join(a.dir, path), bytes);
    a.feed.edit('sheet', { id: 's1', pdf_file: path, pdf_sha256: sha256(bytes) });
    expect((await syncRound(a.deps)).blobsUp).toBe(1);
    expect((await syncRound(b.deps)).blobsDown).toBe(1);
    expect(readFileSync(join(b.dir, path)).equals(bytes)).toBe(true);
  });

  it('refuses a blob announcement whose path would leave the data folder', async () => {
    const b = desk('desk-b');
    county.feed.push({ changeId: randomUUID(), townshipId: T, table: SYNC_BLOB_TABLE, rowId: 'x', op: 'insert', row: { path: '../../etc/passwd', sha256: 'a'.repeat(64) }, hlc: formatHlc({ wallMs: 1, counter: 0, origin: 'evil' }), baseHlc: null, origin: 'evil', batchId: 'b', source: 'sync', at: new Date().toISOString() });
    await expect(syncRound(b.deps)).rejects.toMatchObject({ kind: 'rejected' });
    expect(existsSync(join(b.dir, '..', '..', 'etc', 'passwd.sync-tmp'))).toBe(false);
  });

  it('lists a conflict the server sent once, however often it is pulled', async () => {
    const b = desk('desk-b');
    const conflictId = randomUUID();
    const row = {
      id: conflictId, township_id: T, table_name: 'ditch', row_id: 'd1',
      losing_change_id: randomUUID(), losing_hlc: formatHlc({ wallMs: 1, counter: 0, origin: 'desk-a' }), losing_origin: 'desk-a', losing_row: { id: 'd1', name: '甲' },
      winning_change_id: randomUUID(), winning_hlc: formatHlc({ wallMs: 2, counter: 0, origin: 'desk-b' }), winning_origin: 'desk-b', winning_row: { id: 'd1', name: '乙' },
      base_hlc: null, created_at: new Date().toISOString(),
    };
    county.feed.push({ changeId: randomUUID(), townshipId: T, table: 'sync_conflict', rowId: conflictId, op: 'insert', row, hlc: formatHlc({ wallMs: 3, counter: 0, origin: 'server' }), baseHlc: null, origin: 'server', batchId: 'b', source: 'sync', at: new Date().toISOString() });
    expect((await syncRound(b.deps)).conflicts).toBe(1);
    b.deps.links.saveCursor('', new Date().toISOString());
    expect((await syncRound(b.deps)).conflicts).toBe(0);
    expect(b.deps.conflicts.openCount()).toBe(1);
    expect(b.feed.applied).toHaveLength(0);
  });
});
