import './dispatch.css';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DispatchPlanOutput } from '../../../../../shared/contract/dispatch';
import type { DispatchSettings } from '../../../../../shared/contract/dispatchSettings';
import type { WireError } from '../../../../../shared/contract/errors';
import type { NetworkCollection } from '../../../../../shared/contract/network';
import type { BlockageCause } from '../../../../../shared/domain/blockageCause';
import { ApiError, invoke } from '../../../api/client';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useI18n, type MessageKey } from '../../../i18n/I18n';
import { useApp } from '../../../shell/AppContext';
import { num } from '../../capacity/format';
import { dispatchVolume as volume } from './format';
import { PlanMap, TEAM_COLORS } from './PlanMap';
import { ParametersPanel } from './ParametersPanel';
import { PlanTable } from './PlanTable';
import { rowsOf, type PlanRow } from './planRows';

/**
 * 调度建议: the core's suggested plan as a table and on the map; the leader accepts all, some,
 * or changes a team, and the assignments become ordinary dispatches (undoable on the list).
 */
export function DispatchView({ network, onAccepted }: { network: NetworkCollection | null; onAccepted(): void }) {
  const { t, locale } = useI18n();
  const { settings, setSettings } = useApp();
  const { units } = settings;
  const [plan, setPlan] = useState<DispatchPlanOutput | null>(null);
  const [rows, setRows] = useState<PlanRow[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  // A notice is kept as its message key and values, so it follows a change of language.
  const [notice, setNotice] = useState<{ key: MessageKey; values: Record<string, string | number>; sheetDate?: string } | null>(null);

  /** Run one action with the view busy, then show the new plan; errors go to the banner. */
  const act = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      const p = await invoke('dispatch.plan', {});
      setPlan(p);
      setRows(rowsOf(p));
    } catch (e) {
      setError(e instanceof ApiError ? e.wire : { code: 'internal', message: String(e), messageEn: String(e) });
    } finally {
      setBusy(false);
    }
  }, []);
  const load = useCallback(() => act(async () => undefined), [act]);
  useEffect(() => void load(), [load]);

  const colors = useMemo(() => new Map((plan?.allTeams ?? []).map((x, i) => [x.id, TEAM_COLORS[i % TEAM_COLORS.length]!])), [plan]);
  const teamColor = useCallback((id: string) => colors.get(id) ?? '#555', [colors]);

  const accept = (only: PlanRow[]) =>
    act(async () => {
      setNotice(null);
      const r = await invoke('dispatch.accept', { date: plan?.date, assignments: only.map((x) => ({ blockageId: x.job.blockageId, teamId: x.teamId })) });
      setNotice({ key: 'dp.done', values: { n: r.assigned, date: r.sheetDate }, sheetDate: r.sheetDate });
      onAccepted();
    });

  const setNeeds = (blockageId: string, name: string, cause: BlockageCause | null, jobHours: number | null) =>
    act(async () => {
      await invoke('dispatch.setNeeds', { blockageId, cause, jobHours });
      setNotice({ key: 'dp.needsSaved', values: { name } });
    });

  const saveParams = (next: DispatchSettings) =>
    act(async () => {
      setSettings(await invoke('settings.update', { dispatch: next }));
      setNotice({ key: 'dp.params.saved', values: {} });
    });

  const picked = rows.filter((r) => r.checked);
  const by = plan
    ? plan.producedBy === 'solver'
      ? t('dp.by.solver', { status: t(`dp.status.${plan.solver.status}`) })
      : t('dp.by.greedy', { why: plan.solver.status === 'failed' ? t('dp.why.failed', { detail: plan.solver.detail }) : t(plan.solver.status === 'time_limit' ? 'dp.why.time_limit' : 'dp.why.not_run') })
    : '';
  return (
    <div className="dp-view" data-testid="dispatch-view" aria-busy={busy}>
      <div className="dp-head">
        <div>
          <h2>{t('dp.title')}</h2>
          {plan ? <p className="muted">{t('dp.for', { date: plan.workDate, sheet: plan.date })}</p> : null}
          {plan ? <p className="muted dp-hint">{t('dp.hint', { detour: num(plan.settings.detourFactor, locale, 2), speed: num(plan.settings.speedKmh, locale, 0) })}</p> : null}
        </div>
        <div className="dp-actions">
          <button type="button" onClick={() => void load()} disabled={busy}>
            {t('dp.recompute')}
          </button>
          <button type="button" onClick={() => void accept(picked)} disabled={busy || picked.length === 0}>
            {t('dp.acceptSome', { n: picked.length })}
          </button>
          <button type="button" className="primary" onClick={() => void accept(rows)} disabled={busy || rows.length === 0} data-testid="dispatch-accept-all">
            {busy ? t('dp.accepting') : t('dp.acceptAll')}
          </button>
        </div>
      </div>
      <ErrorBanner error={error} />
      {notice ? (
        <div className="banner banner-ok" role="status" data-testid="dispatch-notice">
          {t(notice.key, notice.values)}
          {notice.sheetDate ? (
            <>
              {' '}
              <a href="#/sheet">{t('dp.openSheet')}</a>
            </>
          ) : null}
        </div>
      ) : null}
      {!plan ? (
        <div className="loading">{t('dp.loading')}</div>
      ) : (
        <>
          <div className="dp-summary" data-testid="dispatch-summary">
            <span className={`dp-by dp-by-${plan.producedBy}`}>{by}</span>
            <span>
              {t('dp.released')} <b>{volume(plan.releasedM3, locale, units)}</b>（{t(`dp.releasedBasis.${plan.impactBasis}`)}）
            </span>
            <span>
              {t('dp.hours')} <b>{num(plan.hoursUsed, locale, 1)}</b>
            </span>
            <span className="muted">{t('dp.greedyCompare', { volume: volume(plan.greedy.releasedM3, locale, units) })}</span>
            <span className="muted">{t('dp.time', { ms: Math.round(plan.ms) })}</span>
          </div>
          {plan.leftOut.length > 0 ? (
            <div className="banner banner-warn" data-testid="dispatch-left-out">
              <strong>{t('dp.leftOut')}：</strong>
              <ul>
                {plan.leftOut.map((l) => (
                  <li key={l.kind}>{l.message[locale]}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="dp-body">
            <div className="dp-table-wrap">{rows.length === 0 ? <div className="bk-empty">{t('dp.none')}</div> : <PlanTable plan={plan} rows={rows} busy={busy} teamColor={teamColor} onRows={setRows} onNeeds={(...a) => void setNeeds(...a)} />}</div>
            <PlanMap plan={plan} rows={rows} network={network} teamColor={teamColor} />
          </div>
          <ParametersPanel key={JSON.stringify(settings.dispatch)} settings={settings.dispatch} busy={busy} onSave={(s) => void saveParams(s)} />
        </>
      )}
    </div>
  );
}
