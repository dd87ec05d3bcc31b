import type { Database } from 'better-sqlite3';
import type { Hlc } from '../../../../shared/sync/hlc';

/** One feed row as migration 0007 writes it (clock and origin are added by the seed). */
export interface SeedEntry {
  changeId: string;
  townshipId?: string;
  table: string;
  rowId: string;
  op: 'insert' | 'update' | 'delete';
  rowJson: string | null;
  beforeJson: string | null;
  batchId: string;
  source: string;
  action: string;
  at: string;
  undoneBy?: string | null;
  syncable?: 0 | 1;
}

export interface FeedSeed {
  townshipId: string;
  last: Hlc | null;
  add(e: SeedEntry): void;
}

type Row = Record<string, string | number | null>;

/** Settings, as the one store keeps them: one row per key with its JSON value. */
function settingRow(townshipId: string, key: string, valueJson: string | null, at: string): string | null {
  return valueJson === null ? null : JSON.stringify({ township_id: townshipId, key, value_json: valueJson, created_at: at, updated_at: at });
}

/** Values of the old option logs are plain JSON values; the store keeps them as value_json text. */
const valueText = (json: string | null): string | null => (json === null || json === 'null' ? null : json);

function opOf(action: string, before: string | null, after: string | null): SeedEntry['op'] {
  if (action === 'delete' || after === null) return 'delete';
  if (action === 'create' || action === 'import' || before === null) return 'insert';
  return 'update';
}

/** Rain and deployment logs name their rows by entity; the feed names the table. */
const ENTITY_TABLES: Record<string, string> = {
  deployment: 'deployment',
  station: 'rain_station',
  reading: 'rain_reading',
  baseline: 'rain_baseline',
};

/** A SheetDraft as the old log kept it, as the row the sheet_draft table holds. */
function draftRow(townshipId: string, date: string, json: string | null, at: string): string | null {
  if (json === null) return null;
  const d = JSON.parse(json) as { planText: string; planRows: unknown[]; signatures: { issuer: string; checker: string; preparer: string }; updatedAt?: string | null };
  return JSON.stringify({
    township_id: townshipId,
    date,
    plan_text: d.planText,
    plan_rows_json: JSON.stringify(d.planRows),
    issuer: d.signatures.issuer,
    checker: d.signatures.checker,
    preparer: d.signatures.preparer,
    updated_at: d.updatedAt ?? at,
  });
}

interface Legacy {
  at: string;
  order: number;
  rowid: number;
  entry: SeedEntry;
}

/** Read every old history row as the feed entry it becomes. */
function readLegacy(db: Database): Legacy[] {
  const all = (sql: string) => db.prepare(sql).all() as Row[];
  const s = (v: string | number | null | undefined) => (v === null || v === undefined ? null : String(v));
  const out: Legacy[] = [];
  const push = (order: number, r: Row, entry: SeedEntry) => out.push({ at: entry.at, order, rowid: Number(r.rid), entry });

  for (const r of all('SELECT rowid AS rid, * FROM setting_change')) {
    const at = String(r.changed_at);
    push(0, r, {
      changeId: String(r.id), townshipId: String(r.township_id), table: 'setting', rowId: String(r.key),
      op: r.old_json === null ? 'insert' : 'update',
      rowJson: settingRow(String(r.township_id), String(r.key), s(r.new_json), at),
      beforeJson: settingRow(String(r.township_id), String(r.key), s(r.old_json), at),
      batchId: String(r.batch_id), source: String(r.source), action: 'set', at,
    });
  }
  for (const r of all('SELECT rowid AS rid, * FROM capacity_setting_change')) {
    const at = String(r.at);
    const key = `capacity.${String(r.key)}`;
    push(1, r, {
      changeId: String(r.id), townshipId: String(r.township_id), table: 'setting', rowId: key,
      op: r.old_json === null ? 'insert' : 'update',
      rowJson: settingRow(String(r.township_id), key, s(r.new_json), at),
      beforeJson: settingRow(String(r.township_id), key, s(r.old_json), at),
      batchId: String(r.batch_id), source: String(r.source), action: 'set', at,
    });
  }
  for (const [order, table] of [[2, 'deployment_change'], [3, 'rain_change']] as const) {
    for (const r of all(`SELECT rowid AS rid, * FROM ${table}`)) {
      const at = String(r.at);
      const option = r.entity === 'option';
      const t = String(r.township_id);
      const key = String(r.entity_id);
      const after = option ? settingRow(t, key, valueText(s(r.after_json)), at) : s(r.after_json);
      const before = option ? settingRow(t, key, valueText(s(r.before_json)), at) : s(r.before_json);
      push(order, r, {
        changeId: String(r.id), townshipId: t, table: option ? 'setting' : ENTITY_TABLES[String(r.entity)]!, rowId: key,
        op: opOf(String(r.action), before, after), rowJson: after, beforeJson: before,
        batchId: String(r.batch_id), source: String(r.source), action: String(r.action), at,
      });
    }
  }
  for (const r of all('SELECT rowid AS rid, * FROM team_change')) {
    push(4, r, {
      changeId: String(r.id), townshipId: String(r.township_id), table: 'team', rowId: String(r.team_id),
      op: opOf(String(r.action), s(r.before_json), s(r.after_json)), rowJson: s(r.after_json), beforeJson: s(r.before_json),
      batchId: String(r.id), source: String(r.source), action: String(r.action), at: String(r.at),
    });
  }
  // An undone network batch names the undo batch that took it back (same instant, action 'undo').
  const undoBatchAt = new Map(all("SELECT at, batch_id FROM network_change WHERE action = 'undo' ORDER BY rowid").map((r) => [String(r.at), String(r.batch_id)]));
  for (const r of all('SELECT rowid AS rid, * FROM network_change')) {
    const action = String(r.action);
    push(5, r, {
      changeId: String(r.id), townshipId: String(r.township_id), table: String(r.layer), rowId: String(r.feature_id),
      op: action === 'undo' ? (r.before_json === null ? 'insert' : 'update') : opOf(action, s(r.before_json), s(r.after_json)),
      rowJson: s(r.after_json), beforeJson: s(r.before_json),
      batchId: String(r.batch_id), source: String(r.source), action, at: String(r.at),
      undoneBy: r.undone_at === null ? null : (undoBatchAt.get(String(r.undone_at)) ?? `undone ${String(r.undone_at)}`),
    });
  }
  for (const r of all('SELECT rowid AS rid, * FROM sheet_draft_change')) {
    const at = String(r.at);
    const t = String(r.township_id);
    push(6, r, {
      changeId: String(r.id), townshipId: t, table: 'sheet_draft', rowId: String(r.date),
      op: r.before_json === null ? 'insert' : 'update',
      rowJson: draftRow(t, String(r.date), s(r.after_json), at), beforeJson: draftRow(t, String(r.date), s(r.before_json), at),
      batchId: String(r.id), source: String(r.source), action: 'save', at,
    });
  }
  return out;
}

/**
 * Move the six history tables into the feed in the order the changes were made (time, then the
 * table's own order), then move the three extra settings stores into `setting` and drop them all.
 */
export function moveLegacyHistory(db: Database, seed: FeedSeed): void {
  const legacy = readLegacy(db).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.order - b.order || a.rowid - b.rowid));
  for (const l of legacy) seed.add(l.entry);

  const put = db.prepare(
    `INSERT INTO setting (township_id, key, value_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (township_id, key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
  );
  for (const r of db.prepare('SELECT * FROM capacity_setting').all() as Row[]) {
    put.run(r.township_id, `capacity.${String(r.key)}`, r.value_json, r.created_at, r.updated_at);
  }
  for (const r of db.prepare('SELECT * FROM work_option').all() as Row[]) put.run(r.township_id, r.key, r.value_json, r.created_at, r.updated_at);
  for (const r of db.prepare('SELECT * FROM field_server_config').all() as Row[]) {
    put.run(r.township_id, 'field.port', JSON.stringify(r.port), r.created_at, r.updated_at);
  }
  db.exec(`
    DROP TABLE setting_change;
    DROP TABLE capacity_setting_change;
    DROP TABLE deployment_change;
    DROP TABLE rain_change;
    DROP TABLE team_change;
    DROP TABLE network_change;
    DROP TABLE sheet_draft_change;
    DROP TABLE capacity_setting;
    DROP TABLE work_option;
    DROP TABLE field_server_config;
  `);
}
