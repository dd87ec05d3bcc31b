import type pg from 'pg';

type Db = pg.PoolClient | pg.Pool;

export interface TownshipRow {
  id: string;
  name: string;
  enrolled_at: Date | null;
}

/** Townships, their one-time enrolment codes and their sync keys (hashes only). */
export class TownshipRepository {
  constructor(private readonly db: Db) {}

  /** All townships by name. */
  async list(): Promise<TownshipRow[]> {
    return (await this.db.query('SELECT id, name, enrolled_at FROM township ORDER BY name')).rows;
  }

  async byName(name: string): Promise<TownshipRow | null> {
    return (await this.db.query('SELECT id, name, enrolled_at FROM township WHERE name = $1', [name])).rows[0] ?? null;
  }

  async byId(id: string): Promise<TownshipRow | null> {
    return (await this.db.query('SELECT id, name, enrolled_at FROM township WHERE id = $1', [id])).rows[0] ?? null;
  }

  async create(id: string, name: string): Promise<void> {
    await this.db.query('INSERT INTO township (id, name) VALUES ($1, $2)', [id, name]);
  }

  async addCode(codeHash: string, townshipId: string): Promise<void> {
    await this.db.query('INSERT INTO enrol_code (code_hash, township_id) VALUES ($1, $2)', [codeHash, townshipId]);
  }

  /** Mark an unused code used and answer its township, locking it; null when unknown or used. */
  async consumeCode(codeHash: string): Promise<TownshipRow | null> {
    const r = await this.db.query(
      `UPDATE enrol_code SET used_at = now() WHERE code_hash = $1 AND used_at IS NULL RETURNING township_id`,
      [codeHash],
    );
    if (r.rowCount === 0) return null;
    return (await this.db.query('SELECT id, name, enrolled_at FROM township WHERE id = $1 FOR UPDATE', [r.rows[0].township_id])).rows[0];
  }

  /** First enrolment: the township takes the desk's id (codes and keys follow by ON UPDATE CASCADE). */
  async adoptId(oldId: string, newId: string): Promise<void> {
    await this.db.query('UPDATE township SET id = $2, enrolled_at = now(), updated_at = now() WHERE id = $1', [oldId, newId]);
  }

  async markEnrolled(id: string): Promise<void> {
    await this.db.query('UPDATE township SET enrolled_at = coalesce(enrolled_at, now()), updated_at = now() WHERE id = $1', [id]);
  }

  /** Revoke every live key of the township (a re-key or a new enrolment replaces them). */
  async revokeKeys(townshipId: string): Promise<number> {
    return (await this.db.query('UPDATE sync_key SET revoked_at = now() WHERE township_id = $1 AND revoked_at IS NULL', [townshipId])).rowCount ?? 0;
  }

  /** Revoke the live keys one installation holds for the township (its re-key). */
  async revokeInstallationKeys(townshipId: string, installationId: string): Promise<number> {
    return (
      await this.db.query('UPDATE sync_key SET revoked_at = now() WHERE township_id = $1 AND installation_id = $2 AND revoked_at IS NULL', [townshipId, installationId])
    ).rowCount ?? 0;
  }

  async addKey(keyHash: string, townshipId: string, installationId: string): Promise<void> {
    await this.db.query('INSERT INTO sync_key (key_hash, township_id, installation_id) VALUES ($1, $2, $3)', [keyHash, townshipId, installationId]);
  }

  /** The township of a live key, or null for an unknown or revoked one. */
  async townshipOfKey(keyHash: string): Promise<string | null> {
    const r = await this.db.query('SELECT township_id FROM sync_key WHERE key_hash = $1 AND revoked_at IS NULL', [keyHash]);
    return r.rows[0]?.township_id ?? null;
  }

  async revokeKey(keyHash: string): Promise<void> {
    await this.db.query('UPDATE sync_key SET revoked_at = now() WHERE key_hash = $1 AND revoked_at IS NULL', [keyHash]);
  }
}
