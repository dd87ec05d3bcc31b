import type pg from 'pg';

type Db = pg.PoolClient | pg.Pool;

/** Content-addressed blobs (photos, issued sheet PDFs). */
export class BlobRepository {
  constructor(private readonly db: Db) {}

  /** Store the bytes under their hash; false when the server had them already. */
  async put(hash: string, townshipId: string, bytes: Buffer): Promise<boolean> {
    const r = await this.db.query(
      'INSERT INTO blob (hash, township_id, bytes, size) VALUES ($1, $2, $3, $4) ON CONFLICT (hash) DO NOTHING',
      [hash, townshipId, bytes, bytes.length],
    );
    return (r.rowCount ?? 0) > 0;
  }

  /** The bytes of a blob, or null when the server does not have it. */
  async get(hash: string): Promise<Buffer | null> {
    const r = await this.db.query('SELECT bytes FROM blob WHERE hash = $1', [hash]);
    return r.rows[0]?.bytes ?? null;
  }
}
