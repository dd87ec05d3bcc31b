import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/contract/errors';
import type { RainStation } from '../../../../shared/contract/rainfall';
import type { CoreContext } from '../../context';
import { RainRepository, type StationRecord } from '../../db/repositories/rainRepository';
import { getRainOptions } from './options';

function toStation(r: StationRecord, readings: number): RainStation {
  return { id: r.id, name: r.name, lon: r.lon, lat: r.lat, readings };
}

/** Live stations in the order they were added, with how many days each has a reading. */
export function listStations(ctx: CoreContext): RainStation[] {
  const repo = new RainRepository(ctx.db, ctx.townshipId);
  const counts = repo.readingCounts();
  return repo.stations().map((s) => toStation(s, counts.get(s.id) ?? 0));
}

function nameTaken(zh: string): AppError {
  return new AppError(
    'conflict',
    { zh: `已有名为“${zh}”的雨量站`, en: `A station named "${zh}" already exists` },
    { issues: [{ path: 'name', code: 'custom', message: `已有名为“${zh}”的雨量站`, messageEn: `a station named "${zh}" already exists` }] },
  );
}

/** Add a station, or rename/move one; the change is kept in the rainfall history. */
export function saveStation(ctx: CoreContext, input: { id?: string; name: string; lon: number | null; lat: number | null }): RainStation {
  const repo = new RainRepository(ctx.db, ctx.townshipId);
  const at = ctx.now().toISOString();
  const before = input.id ? repo.station(input.id) : undefined;
  if (input.id && (!before || before.deleted_at !== null)) {
    throw new AppError('not_found', { zh: '这个雨量站不存在或已删除', en: 'That station does not exist or was deleted' });
  }
  const clash = repo.stations().find((s) => s.name === input.name && s.id !== input.id);
  if (clash) throw nameTaken(input.name);
  const next: StationRecord = {
    id: before?.id ?? randomUUID(),
    township_id: ctx.townshipId,
    name: input.name,
    lon: input.lon,
    lat: input.lat,
    source: before?.source ?? ctx.source,
    created_at: before?.created_at ?? at,
    updated_at: at,
    deleted_at: null,
  };
  ctx.db.transaction(() => {
    repo.saveStation(next, { batchId: randomUUID(), action: before ? 'update' : 'create', source: ctx.source, at });
  })();
  return toStation(next, repo.readingCounts().get(next.id) ?? 0);
}

/** Remove a station (soft): its readings stop counting; undo brings it back with them. */
export function deleteStation(ctx: CoreContext, id: string): { id: string } {
  const repo = new RainRepository(ctx.db, ctx.townshipId);
  const before = repo.station(id);
  if (!before || before.deleted_at !== null) {
    throw new AppError('not_found', { zh: '这个雨量站不存在或已删除', en: 'That station does not exist or was deleted' });
  }
  const options = getRainOptions(ctx);
  if (options.townshipValue === 'station' && options.stationId === id) {
    throw new AppError('conflict', {
      zh: `全乡雨量正按“${before.name}”单站取值，请先改为按各站平均再删除`,
      en: `The township value is taken from "${before.name}"; switch to the mean of the stations before deleting it`,
    });
  }
  const at = ctx.now().toISOString();
  ctx.db.transaction(() => {
    repo.saveStation({ ...before, updated_at: at, deleted_at: at }, { batchId: randomUUID(), action: 'delete', source: ctx.source, at });
  })();
  return { id };
}
