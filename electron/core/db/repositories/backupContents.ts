import type { Database } from 'better-sqlite3';
import type { BackupContents } from '../../../../shared/contract/system';

/** Tables a DrainDesk database has from its first version on: a file without them is not ours. */
// Present in every schema version (the history tables of version 1–6 went into the change feed in 7).
export const DRAINDESK_TABLES = ['township', 'setting'] as const;

// Counted when the file's version has the table (an older backup may not).
const COUNTED: Record<Exclude<keyof BackupContents, 'townshipName'>, { table: string; where: string }> = {
  features: { table: 'geo_feature', where: '1' },
  blockages: { table: 'blockage', where: 'deleted_at IS NULL' },
  deployments: { table: 'deployment', where: 'deleted_at IS NULL' },
  teams: { table: 'team', where: 'deleted_at IS NULL' },
  sheets: { table: 'sheet', where: 'deleted_at IS NULL' },
};

/** Reads what a backup file holds, on its own read-only connection (never the live database). */
export class BackupContentsRepository {
  constructor(private readonly db: Database) {}

  /** The names of the file's tables. */
  tables(): Set<string> {
    const rows = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    return new Set(rows.map((r) => r.name));
  }

  /** `PRAGMA integrity_check`'s findings: ['ok'] for a sound file. */
  integrity(): string[] {
    return (this.db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  }

  /** The township's name and how many rows of each kind the office would get back. */
  contents(): BackupContents {
    const tables = this.tables();
    const count = (c: { table: string; where: string }) =>
      tables.has(c.table) ? (this.db.prepare(`SELECT count(*) AS n FROM ${c.table} WHERE ${c.where}`).get() as { n: number }).n : 0;
    const setting = this.db.prepare("SELECT value_json FROM setting WHERE key = 'townshipName' LIMIT 1").get() as { value_json: string } | undefined;
    const township = this.db.prepare('SELECT name FROM township WHERE deleted_at IS NULL ORDER BY created_at LIMIT 1').get() as { name: string } | undefined;
    return {
      townshipName: setting ? String(JSON.parse(setting.value_json)) : (township?.name ?? ''),
      features: count(COUNTED.features),
      blockages: count(COUNTED.blockages),
      deployments: count(COUNTED.deployments),
      teams: count(COUNTED.teams),
      sheets: count(COUNTED.sheets),
    };
  }
}
