import type { Database } from 'better-sqlite3';

/** The township row itself and the one operation that touches every table: taking on another id. */
export class TownshipRepository {
  constructor(private readonly db: Database) {}

  /**
   * Give the township a new id, on its row and on every row that names it, in one transaction
   * (foreign keys are checked at its end). Used when a desk joins a township the county server
   * already knows under another id: every desk of a township must write the same id. The change
   * feed is history and keeps the old id (its entries are never pushed for the new one).
   */
  adoptId(oldId: string, newId: string, except: readonly string[] = ['change_feed']): void {
    if (oldId === newId) return;
    const tables = (this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'").all() as { name: string }[])
      .map((t) => t.name)
      .filter((name) => !except.includes(name))
      .filter((name) => (this.db.prepare('SELECT name FROM pragma_table_info(?)').all(name) as { name: string }[]).some((c) => c.name === 'township_id'));
    this.db.transaction(() => {
      this.db.pragma('defer_foreign_keys = ON');
      this.db.prepare('UPDATE township SET id = ? WHERE id = ?').run(newId, oldId);
      // Table names come from sqlite_master, never from input.
      for (const table of tables) this.db.prepare(`UPDATE "${table}" SET township_id = ? WHERE township_id = ?`).run(newId, oldId);
    })();
  }
}
