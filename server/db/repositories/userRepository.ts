import type pg from 'pg';

type Db = pg.PoolClient | pg.Pool;

export interface CountyUserRow {
  id: string;
  name: string;
  password_hash: string;
}

/** County viewer accounts and their login sessions (token hashes only). */
export class UserRepository {
  constructor(private readonly db: Db) {}

  /** Create the user, or set a new password for an existing one; true when it was created. */
  async upsert(id: string, name: string, passwordHash: string): Promise<boolean> {
    const r = await this.db.query(
      `INSERT INTO county_user (id, name, password_hash) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET password_hash = EXCLUDED.password_hash, updated_at = now()
       RETURNING (xmax = 0) AS created`,
      [id, name, passwordHash],
    );
    return r.rows[0].created;
  }

  async byName(name: string): Promise<CountyUserRow | null> {
    return (await this.db.query('SELECT id, name, password_hash FROM county_user WHERE name = $1', [name])).rows[0] ?? null;
  }

  async addSession(tokenHash: string, userId: string, csrf: string, expiresAt: Date): Promise<void> {
    await this.db.query('INSERT INTO county_session (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)', [tokenHash, userId, csrf, expiresAt]);
  }

  /** The live session's user and CSRF token, or null. */
  async session(tokenHash: string): Promise<{ name: string; csrf: string } | null> {
    const r = await this.db.query(
      `SELECT u.name, s.csrf_token AS csrf FROM county_session s JOIN county_user u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.expires_at > now()`,
      [tokenHash],
    );
    return r.rows[0] ?? null;
  }

  async dropSession(tokenHash: string): Promise<void> {
    await this.db.query('DELETE FROM county_session WHERE token_hash = $1 OR expires_at < now()', [tokenHash]);
  }
}
