import type { Migration } from './types';

/**
 * Patrol tracks (巡查轨迹, issue 12). A phone records a track while a team walks the ditches and
 * sends it in numbered chunks through its outbox, so a track survives a dead battery and arrives in
 * pieces over a poor signal. patrol_track is one walk (its id is made on the phone, so a resent
 * chunk finds its walk); patrol_chunk is one piece, unique by (walk, number), so a retry or a
 * duplicate changes nothing. Points are stored cleaned (shared/calc/patrol/track.ts), with what
 * was dropped and why.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'patrol-tracks',
  up(db) {
    db.exec(`
      CREATE TABLE patrol_track (
        id TEXT PRIMARY KEY,
        township_id TEXT NOT NULL REFERENCES township(id),
        team_id TEXT NOT NULL REFERENCES team(id),
        actor TEXT NOT NULL DEFAULT '',
        started_at TEXT NOT NULL,
        last_point_at TEXT NOT NULL,
        ended INTEGER NOT NULL DEFAULT 0 CHECK (ended IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX patrol_track_by_time ON patrol_track(township_id, last_point_at);

      CREATE TABLE patrol_chunk (
        id TEXT PRIMARY KEY,
        township_id TEXT NOT NULL REFERENCES township(id),
        patrol_id TEXT NOT NULL REFERENCES patrol_track(id),
        seq INTEGER NOT NULL CHECK (seq >= 0),
        points_json TEXT NOT NULL CHECK (json_valid(points_json)),
        dropped_json TEXT NOT NULL CHECK (json_valid(dropped_json)),
        first_at TEXT NOT NULL,
        last_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (patrol_id, seq)
      ) STRICT;
    `);
  },
};
