import type { Migration } from './types';

/**
 * Indexes for reading blockage events whatever the history (issue 16):
 * - blockage_event_photo: a blockage's photo count without reading its other events;
 * - blockage_event_undoes: "is this event undone?" (asked for every event shown, and by undo)
 *   without scanning the whole table for each.
 * Both partial, so the many events without a photo or an undo cost nothing.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'blockage-event-read-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX blockage_event_photo ON blockage_event(blockage_id) WHERE photo IS NOT NULL;
      CREATE INDEX blockage_event_undoes ON blockage_event(undoes_event_id) WHERE undoes_event_id IS NOT NULL;
    `);
  },
};
