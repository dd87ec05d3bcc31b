import type { PatrolCoverage, PatrolTrack } from '../../../../shared/contract/patrol';
import { patrolCoverage } from '../../../../shared/calc/patrol/coverage';
import { cleanTrack } from '../../../../shared/calc/patrol/track';
import { addDays, dayStartUtc } from '../../../../shared/domain/dates';
import type { CoreContext } from '../../context';
import { listFeatures } from '../network/networkService';
import { listTeams } from '../teams/teamService';
import { patrolRepo } from './record';

const DAY_MS = 86_400_000;

/** Walks with points in [from, to), each cleaned again as a whole (chunks were cleaned one by one). */
function walks(ctx: CoreContext, from: string, to: string): PatrolTrack[] {
  const teams = new Map(listTeams(ctx).map((t) => [t.id, t.name]));
  return patrolRepo(ctx)
    .tracksBetween(from, to)
    .map((t) => {
      const cleaned = cleanTrack(t.points);
      return {
        id: t.id,
        teamId: t.team_id,
        teamName: teams.get(t.team_id) ?? '',
        actor: t.actor,
        startedAt: t.started_at,
        lastPointAt: t.last_point_at,
        ended: t.ended === 1,
        lengthM: cleaned.lengthM,
        coordinates: cleaned.points.map((p) => [p.lon, p.lat] as [number, number]),
      };
    })
    .filter((t) => t.coordinates.length > 0);
}

/** The patrol walks of one township day. */
export function tracksOn(ctx: CoreContext, date: string): PatrolTrack[] {
  return walks(ctx, dayStartUtc(date), dayStartUtc(addDays(date, 1)));
}

/** Ditches walked in the 24 hours up to the end of `date`, or up to now when that is earlier. */
export function coverageOn(ctx: CoreContext, date: string): PatrolCoverage {
  const to = new Date(Math.min(Date.parse(dayStartUtc(addDays(date, 1))), ctx.now().getTime()));
  const from = new Date(to.getTime() - DAY_MS);
  const tracks = walks(ctx, from.toISOString(), to.toISOString());
  const ditches = listFeatures(ctx, ['ditch']).features.flatMap((f) => {
    const p = f.properties as { kind?: string; village?: string };
    return f.geometry.type === 'LineString' ? [{ id: f.id, kind: p.kind ?? '', village: p.village ?? '', coordinates: f.geometry.coordinates as [number, number][] }] : [];
  });
  const report = patrolCoverage(ditches, tracks.map((t) => t.coordinates));
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    coveredDitchIds: report.ditches.filter((d) => d.covered).map((d) => d.id),
    totalM: report.totalM,
    coveredM: report.coveredM,
    share: report.share,
    byVillage: report.byVillage,
    byKind: report.byKind,
    tracks: tracks.length,
  };
}
