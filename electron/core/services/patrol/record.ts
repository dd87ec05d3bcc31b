import { AppError } from '../../../../shared/contract/errors';
import type { TrackChunkInput } from '../../../../shared/contract/patrol';
import type { PhoneOutput } from '../../../../shared/contract/phone';
import { cleanTrack, DEFAULT_TRACK_RULES } from '../../../../shared/calc/patrol/track';
import type { CoreContext } from '../../context';
import { PatrolRepository } from '../../db/repositories/patrolRepository';

export function patrolRepo(ctx: Pick<CoreContext, 'db' | 'townshipId'>): PatrolRepository {
  return new PatrolRepository(ctx.db, ctx.townshipId);
}

/** Why a chunk had nothing worth keeping, in words a team leader understands. */
function emptyReason(dropped: ReturnType<typeof cleanTrack>['dropped'], total: number): { zh: string; en: string } {
  if (total === 0) return { zh: '这段轨迹是空的（没有定位点）', en: 'This piece of track is empty (no GPS fixes)' };
  const parts: [number, string, string][] = [
    [dropped.inaccurate, `${dropped.inaccurate} 个点精度太差（超过 ${DEFAULT_TRACK_RULES.maxAccuracyM} 米）`, `${dropped.inaccurate} fixes too blurred (over ${DEFAULT_TRACK_RULES.maxAccuracyM} m)`],
    [dropped.jump, `${dropped.jump} 个点是跳点（快于 ${DEFAULT_TRACK_RULES.maxSpeedKmh} 公里/小时）`, `${dropped.jump} jumps (faster than ${DEFAULT_TRACK_RULES.maxSpeedKmh} km/h)`],
    [dropped.invalid, `${dropped.invalid} 个点位置不可能（如 0,0）`, `${dropped.invalid} impossible positions (such as 0,0)`],
    [dropped.duplicate, `${dropped.duplicate} 个点重复`, `${dropped.duplicate} repeats`],
  ];
  const named = parts.filter(([n]) => n > 0);
  return {
    zh: `这段轨迹没有可用的定位点：${named.map((p) => p[1]).join('，')}。请到开阔处等定位变准后再巡查。`,
    en: `No usable GPS fixes in this piece of track: ${named.map((p) => p[2]).join(', ')}. Wait in the open for a better fix.`,
  };
}

/**
 * Store one chunk of a team's patrol walk: cleaned, all or nothing, once (a resent chunk answers
 * `duplicate`). A chunk with no usable point is refused with the reason and nothing is stored.
 */
export function recordTrackChunk(ctx: CoreContext, team: { id: string; name: string }, actor: string, input: TrackChunkInput): PhoneOutput<'phone.track'> {
  const repo = patrolRepo(ctx);
  const walk = repo.track(input.patrolId);
  if (walk && walk.team_id !== team.id) {
    throw new AppError('conflict', { zh: '该巡查编号已被另一作业队使用', en: 'This patrol id belongs to another team' });
  }
  const cleaned = cleanTrack(input.points);
  if (repo.hasChunk(input.patrolId, input.seq)) return { stored: 0, dropped: cleaned.dropped, lengthM: 0, duplicate: true };
  if (cleaned.points.length === 0) throw new AppError('invalid_input', emptyReason(cleaned.dropped, input.points.length), { dropped: cleaned.dropped });
  ctx.db.transaction(() => {
    repo.addChunk(team.id, actor, { patrolId: input.patrolId, seq: input.seq, points: cleaned.points, dropped: cleaned.dropped, final: input.final }, ctx.now().toISOString());
  })();
  return { stored: cleaned.points.length, dropped: cleaned.dropped, lengthM: cleaned.lengthM, duplicate: false };
}
