import type { Migration } from './types';
import { migration0001 } from './0001-township-settings';
import { migration0002 } from './0002-network';
import { migration0003 } from './0003-deployments-rainfall';
import { migration0004 } from './0004-teams-field';
import { migration0005 } from './0005-capacity';
import { migration0006 } from './0006-sheets';
import { migration0007 } from './0007-change-feed';
import { migration0008 } from './0008-sync';
import { migration0009 } from './0009-blockage-event-read-indexes';
import { migration0010 } from './0010-patrol-tracks';
import { migration0011 } from './0011-gis-exchange';
import { migration0012 } from './0012-blockage-dispatch-needs';
import { migration0013 } from './0013-bulk-rtree';
import { migration0014 } from './0014-field-gps-accuracy';
import { migration0015 } from './0015-conflict-review';
import { migration0016 } from './0016-feed-rows-by-reference';

/** Every schema version in order. Append only: a shipped migration is never edited. */
export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012, migration0013, migration0014, migration0015, migration0016];

/** The schema version this build of the app writes. */
export const LATEST_VERSION = checkRegistry(migrations);

function checkRegistry(list: readonly Migration[]): number {
  list.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`migration registry out of order: ${m.name} has version ${m.version}, expected ${i + 1}`);
    }
  });
  return list.length;
}

export type { Migration } from './types';
