import { Fragment } from 'react';
import type { DispatchPlanOutput } from '../../../../../shared/contract/dispatch';
import { BLOCKAGE_CAUSE_LABELS, BLOCKAGE_CAUSES, describeNeeds, type BlockageCause } from '../../../../../shared/domain/blockageCause';
import { useI18n } from '../../../i18n/I18n';
import { useApp } from '../../../shell/AppContext';
import { num } from '../../capacity/format';
import { dispatchVolume as volume } from './format';
import type { PlanRow } from './planRows';

interface Props {
  plan: DispatchPlanOutput;
  rows: PlanRow[];
  busy: boolean;
  teamColor(teamId: string): string;
  onRows(rows: PlanRow[]): void;
  onNeeds(blockageId: string, name: string, cause: BlockageCause | null, jobHours: number | null): void;
}

/** The plan as a table, grouped by the suggested team: pick rows, change a team, adjust needs. */
export function PlanTable({ plan, rows, busy, teamColor, onRows, onNeeds }: Props) {
  const { t, locale } = useI18n();
  const { units } = useApp().settings;
  const teamName = (id: string) => plan.allTeams.find((x) => x.id === id)?.name ?? id;
  const set = (i: number, patch: Partial<PlanRow>) => onRows(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const allChecked = rows.length > 0 && rows.every((r) => r.checked);
  return (
    <table className="table dp-table" data-testid="dispatch-table">
      <thead>
        <tr>
          <th>
            <input type="checkbox" aria-label={t('dp.col.pick')} checked={allChecked} onChange={() => onRows(rows.map((r) => ({ ...r, checked: !allChecked })))} />
          </th>
          <th className="num">{t('dp.col.order')}</th>
          <th>{t('dp.col.team')}</th>
          <th>{t('dp.col.blockage')}</th>
          <th>{t('dp.col.cause')}</th>
          <th>{t('dp.col.needs')}</th>
          <th className="num">{t('dp.col.hours')}</th>
          <th className="num">{t('dp.col.released')}</th>
          <th className="num">{t('dp.col.leg')}</th>
          <th>{t('dp.col.reason')}</th>
        </tr>
      </thead>
      <tbody>
        {plan.teams.map((team) => (
          <Fragment key={team.teamId}>{teamGroup(team)}</Fragment>
        ))}
      </tbody>
    </table>
  );

  function teamGroup(team: DispatchPlanOutput['teams'][number]) {
    return (
      <>
        <tr className="dp-team-row" data-testid="dispatch-team">
          <td colSpan={10}>
            <span className="dp-swatch" style={{ background: teamColor(team.teamId) }} />
            <strong>{team.name}</strong>
            <span className="dp-team-facts">
              {t('dp.team.summary', { hours: num(team.hoursUsed, locale, 1), left: num(team.hoursLeft, locale, 1), volume: volume(team.releasedM3, locale, units) })}
              {' · '}
              {t(`dp.team.from.${team.positionFrom}`)}
            </span>
          </td>
        </tr>
        {rows.map((r, i) =>
          r.plannedTeamId !== team.teamId ? null : (
            <tr key={`${r.job.blockageId}:${r.job.jobHours}`} className={r.checked ? 'dp-row' : 'dp-row unchecked'} data-testid="dispatch-row" data-blockage={r.job.blockageId}>
              <td>
                <input type="checkbox" aria-label={`${t('dp.col.pick')} ${r.job.name}`} checked={r.checked} onChange={() => set(i, { checked: !r.checked })} />
              </td>
              <td className="num">{r.job.order}</td>
              <td>
                <select aria-label={`${t('dp.col.team')} ${r.job.name}`} value={r.teamId} disabled={busy} onChange={(e) => set(i, { teamId: e.target.value })} data-testid="dispatch-team-select">
                  {r.job.capableTeamIds.map((id) => (
                    <option key={id} value={id}>
                      {teamName(id)}
                    </option>
                  ))}
                </select>
                {r.teamId !== r.plannedTeamId ? <div className="dp-changed">{t('dp.changed', { team: teamName(r.plannedTeamId) })}</div> : null}
              </td>
              <td>
                <div className="dp-name">{r.job.name}</div>
                <div className="bk-sub">{r.job.village}</div>
              </td>
              <td>
                <select
                  aria-label={`${t('dp.col.cause')} ${r.job.name}`}
                  value={r.job.causeSet ? r.job.cause : ''}
                  disabled={busy}
                  onChange={(e) => onNeeds(r.job.blockageId, r.job.name, (e.target.value || null) as BlockageCause | null, null)}
                >
                  <option value="">
                    {BLOCKAGE_CAUSE_LABELS[r.job.cause][locale]}（{t('dp.causeRead')}）
                  </option>
                  {BLOCKAGE_CAUSES.map((c) => (
                    <option key={c} value={c}>
                      {BLOCKAGE_CAUSE_LABELS[c][locale]}
                    </option>
                  ))}
                </select>
              </td>
              <td className="dp-needs">{describeNeeds(r.job.needs, locale)}</td>
              <td className="num">
                <input
                  className="dp-hours"
                  type="number"
                  min={0.5}
                  max={24}
                  step={0.5}
                  aria-label={`${t('dp.col.hours')} ${r.job.name}`}
                  defaultValue={r.job.jobHours}
                  disabled={busy}
                  onKeyDown={(e) => (e.key === 'Enter' ? (e.target as HTMLInputElement).blur() : undefined)}
                  onBlur={(e) => {
                    const h = Number(e.target.value);
                    if (e.target.value !== '' && h !== r.job.jobHours) onNeeds(r.job.blockageId, r.job.name, r.job.causeSet ? r.job.cause : null, h);
                  }}
                />
              </td>
              <td className="num nowrap">{volume(r.job.impactM3, locale, units)}</td>
              <td className="num nowrap">
                {num(r.job.legKm, locale, 1)} km
                <div className="bk-sub">{t('dp.minutes', { n: Math.max(1, Math.round(r.job.legMinutes)) })}</div>
              </td>
              <td className="dp-reason" data-testid="dispatch-reason">
                {r.job.reason[locale]}
              </td>
            </tr>
          ),
        )}
      </>
    );
  }
}
