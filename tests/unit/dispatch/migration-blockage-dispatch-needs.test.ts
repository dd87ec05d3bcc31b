import { describe, expect, it } from 'vitest';
import { applyMigrations, schemaVersion } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';
import { blockageDbBefore } from '../../helpers/migrationSeed';
import { migration0012 as dispatchNeeds } from '../../../electron/core/db/migrations/0012-blockage-dispatch-needs';

const at = migrations.indexOf(dispatchNeeds);

describe('migration blockage-dispatch-needs', () => {
  it('adds an unset cause and job hours to existing blockages, and checks new values', () => {
    const db = blockageDbBefore(dispatchNeeds, 'desk');
    applyMigrations(db, migrations.slice(0, at + 1));
    expect(schemaVersion(db)).toBe(dispatchNeeds.version);
    expect(db.prepare('SELECT name, status, cause, job_hours FROM blockage').get()).toEqual({ name: '涵管堵点', status: 'reported', cause: null, job_hours: null });
    db.prepare("UPDATE blockage SET cause = 'silt', job_hours = 4.5").run();
    expect(() => db.prepare("UPDATE blockage SET cause = 'lava'").run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE blockage SET job_hours = 0').run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE blockage SET job_hours = 25').run()).toThrow(/CHECK/);
  });
});
