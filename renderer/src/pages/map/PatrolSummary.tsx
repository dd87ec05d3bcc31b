import type { PatrolCoverage, PatrolTrack } from '../../../../shared/contract/patrol';
import { useI18n } from '../../i18n/I18n';
import { TEAM_COLOURS } from './usePatrolOverlay';

/** The 巡查 layer's key: coverage of the last 24 hours and each team's colour. */
export function PatrolSummary({ coverage, tracks }: { coverage: PatrolCoverage; tracks: PatrolTrack[] }) {
  const { t } = useI18n();
  const teams = [...new Map(tracks.map((tr) => [tr.teamId, tr.teamName])).entries()];
  return (
    <div className="patrol-summary" data-testid="patrol-summary">
      <div>
        {t('patrol.walked')} <strong>{(coverage.coveredM / 1000).toFixed(1)} km</strong> · {t('patrol.share')} <strong>{Math.round(coverage.share * 100)}%</strong>
      </div>
      {coverage.byVillage
        .filter((g) => g.lengthM > 0)
        .map((g) => (
          <div key={g.key} className="muted">
            {g.key || t('patrol.noVillage')} {Math.round(g.share * 100)}%
          </div>
        ))}
      {teams.map(([id, name], i) => (
        <div key={id}>
          <span className="swatch" style={{ background: TEAM_COLOURS[i % TEAM_COLOURS.length] }} /> {name}
        </div>
      ))}
      {tracks.length === 0 && <div className="muted">{t('patrol.none')}</div>}
    </div>
  );
}
