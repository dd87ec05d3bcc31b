import { BLOCKAGE_CAUSES } from '../../../../shared/domain/blockageCause';
import type { Migration } from './types';

/**
 * What a blockage needs for the dispatch planner (issue 13): its cause (涵管堵塞, 淤积, 积水 …)
 * and the hours the job takes, both set by the desk. NULL means "not set": the cause is then read
 * from the report's name and note, and the hours are the cause's default from the settings.
 * Changes are written with a note event in the blockage's history.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'blockage-dispatch-needs',
  up(db) {
    db.exec(`
      ALTER TABLE blockage ADD COLUMN cause TEXT CHECK (cause IS NULL OR cause IN (${BLOCKAGE_CAUSES.map((c) => `'${c}'`).join(',')}));
      ALTER TABLE blockage ADD COLUMN job_hours REAL CHECK (job_hours IS NULL OR (job_hours > 0 AND job_hours <= 24));
    `);
  },
};
