import type { Migration } from './types';

/**
 * GPS on every field update (issue 12), and where phones reach the county server:
 * - blockage_event.accuracy_m: how far off the phone said its position may be (the browser's
 *   `coords.accuracy`, metres, 68 % radius). NULL for older events, events without a position,
 *   and phones on an older page that did not send it. Never without a position. Part of the
 *   append-only history, so the trigger that guards it is rebuilt with the new column.
 * - sync_state.public_url: the address the county server gave at enrolment for phones and
 *   people (it may differ from the one this desk syncs with, behind a proxy); NULL when the
 *   server named none or the desk enrolled before it said so. Local like the rest of sync_state.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'field-gps-accuracy',
  up(db) {
    db.exec(`
      ALTER TABLE blockage_event ADD COLUMN accuracy_m REAL
        CHECK (accuracy_m IS NULL OR (accuracy_m >= 0 AND accuracy_m <= 100000 AND lon IS NOT NULL AND lat IS NOT NULL));

      DROP TRIGGER blockage_event_append_only;
      CREATE TRIGGER blockage_event_append_only
        BEFORE UPDATE OF blockage_id, at, actor, source, from_status, to_status, note, photo, lon, lat, accuracy_m, client_id,
                         team_id, from_team_id, to_team_id, machines_json, undoes_event_id ON blockage_event
      BEGIN
        SELECT RAISE(ABORT, 'blockage events are append-only');
      END;

      ALTER TABLE sync_state ADD COLUMN public_url TEXT CHECK (public_url IS NULL OR public_url GLOB 'http*://*');
    `);
  },
};
