import type { Migration } from './types';

const stamps = `
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL`;
const source = `source TEXT NOT NULL CHECK (source IN ('desk','field','import','demo','cli'))`;
const count = (name: string) => `${name} INTEGER NOT NULL DEFAULT 0 CHECK (${name} >= 0)`;

/**
 * Field teams (作业队) and their phone tokens, the blockage lifecycle's extra columns (issue 5),
 * and the field server's port.
 *
 * - A token is stored only as its SHA-256 (tokens are 256 random bits, so no slow hash is needed);
 *   a team may hold several (one per phone), each revocable.
 * - blockage_event gets `seq`, a strictly increasing number set by a trigger for every writer
 *   (the desk polls "events after seq N"), a `kind`, the team moves, and `undoes_event_id` for
 *   the desk's compensating undo. Events are append-only: a trigger refuses edits to them.
 * - A trigger keeps blockage.status equal to the newest status-changing event, so no writer can
 *   change a status without history.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'teams-field',
  up(db) {
    db.exec(`
      CREATE TABLE team (
        id TEXT PRIMARY KEY,
        township_id TEXT NOT NULL REFERENCES township(id),
        name TEXT NOT NULL CHECK (length(name) > 0),
        leader TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        ${count('excavators')},
        ${count('long_arm_excavators')},
        ${count('dump_trucks')},
        ${count('pumps')},
        note TEXT NOT NULL DEFAULT '',
        ${source},${stamps},
        deleted_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX team_name_live ON team(township_id, name) WHERE deleted_at IS NULL;

      CREATE TABLE team_change (
        id TEXT PRIMARY KEY,
        township_id TEXT NOT NULL REFERENCES township(id),
        team_id TEXT NOT NULL REFERENCES team(id),
        action TEXT NOT NULL CHECK (action IN ('create','update','delete')),
        before_json TEXT,
        after_json TEXT,
        ${source},
        at TEXT NOT NULL,${stamps}
      ) STRICT;
      CREATE INDEX team_change_by_team ON team_change(team_id, at);

      CREATE TABLE team_token (
        id TEXT PRIMARY KEY,
        township_id TEXT NOT NULL REFERENCES township(id),
        team_id TEXT NOT NULL REFERENCES team(id),
        token_hash TEXT NOT NULL UNIQUE,
        hint TEXT NOT NULL,
        label TEXT NOT NULL DEFAULT '',
        ${source},
        last_used_at TEXT,
        revoked_at TEXT,${stamps}
      ) STRICT;
      CREATE INDEX team_token_by_team ON team_token(team_id);

      CREATE TABLE field_server_config (
        township_id TEXT PRIMARY KEY REFERENCES township(id),
        port INTEGER NOT NULL CHECK (port >= 1024 AND port <= 65535),${stamps}
      ) STRICT;

      ALTER TABLE blockage ADD COLUMN team_id TEXT REFERENCES team(id);
      ALTER TABLE blockage ADD COLUMN reported_by_team_id TEXT REFERENCES team(id);
      ALTER TABLE blockage ADD COLUMN ${count('excavators')};
      ALTER TABLE blockage ADD COLUMN ${count('long_arm_excavators')};
      ALTER TABLE blockage ADD COLUMN ${count('pumps')};
      ALTER TABLE blockage ADD COLUMN status_at TEXT;
      UPDATE blockage SET status_at = reported_at;
      CREATE INDEX blockage_team ON blockage(team_id) WHERE deleted_at IS NULL;

      ALTER TABLE blockage_event ADD COLUMN kind TEXT NOT NULL DEFAULT 'status'
        CHECK (kind IN ('report','status','assign','arrived','note','undo'));
      ALTER TABLE blockage_event ADD COLUMN team_id TEXT REFERENCES team(id);
      ALTER TABLE blockage_event ADD COLUMN from_team_id TEXT REFERENCES team(id);
      ALTER TABLE blockage_event ADD COLUMN to_team_id TEXT REFERENCES team(id);
      ALTER TABLE blockage_event ADD COLUMN machines_json TEXT;
      ALTER TABLE blockage_event ADD COLUMN undoes_event_id TEXT REFERENCES blockage_event(id);
      ALTER TABLE blockage_event ADD COLUMN seq INTEGER;
      UPDATE blockage_event SET seq = rowid;
      UPDATE blockage_event SET kind = 'report' WHERE from_status IS NULL AND to_status IS NOT NULL;
      CREATE UNIQUE INDEX blockage_event_seq ON blockage_event(seq);
      CREATE INDEX blockage_event_by_blockage_seq ON blockage_event(blockage_id, seq);

      -- Every writer (the network import, the demo, the lifecycle) gets a seq without knowing of it;
      -- a first event without a kind of its own is the report.
      CREATE TRIGGER blockage_event_number AFTER INSERT ON blockage_event WHEN NEW.seq IS NULL BEGIN
        UPDATE blockage_event
           SET seq = (SELECT coalesce(max(seq), 0) + 1 FROM blockage_event),
               kind = CASE WHEN NEW.kind = 'status' AND NEW.from_status IS NULL AND NEW.to_status IS NOT NULL THEN 'report' ELSE NEW.kind END
         WHERE id = NEW.id;
      END;

      -- History is append-only: what an event says can never be rewritten.
      CREATE TRIGGER blockage_event_append_only
        BEFORE UPDATE OF blockage_id, at, actor, source, from_status, to_status, note, photo, lon, lat, client_id,
                         team_id, from_team_id, to_team_id, machines_json, undoes_event_id ON blockage_event
      BEGIN
        SELECT RAISE(ABORT, 'blockage events are append-only');
      END;

      -- A status changes only together with the event that says so (written first, same transaction).
      CREATE TRIGGER blockage_status_follows_events BEFORE UPDATE OF status ON blockage
        WHEN NEW.status IS NOT OLD.status AND NEW.status IS NOT (
          SELECT to_status FROM blockage_event WHERE blockage_id = NEW.id AND to_status IS NOT NULL ORDER BY seq DESC LIMIT 1)
      BEGIN
        SELECT RAISE(ABORT, 'blockage status changes only with a lifecycle event');
      END;
    `);
  },
};
