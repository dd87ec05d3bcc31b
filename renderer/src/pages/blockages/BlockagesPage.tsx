import './blockages.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BlockageChange, BlockageList, BlockageListInput, Team } from '../../../../shared/contract/blockages';
import type { WireError } from '../../../../shared/contract/errors';
import type { NetworkCollection } from '../../../../shared/contract/network';
import { BLOCKAGE_EVENT_KIND_LABELS } from '../../../../shared/domain/blockageLifecycle';
import { BLOCKAGE_STATUS_LABELS, BLOCKAGE_STATUSES, OPEN_BLOCKAGE_STATUSES, type BlockageStatus, type Layer } from '../../../../shared/domain/network';
import { ApiError, invoke } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n } from '../../i18n/I18n';
import { NetworkMap, type Bbox } from '../../map/NetworkMap';
import { useApp } from '../../shell/AppContext';
import { BlockageDetailPanel } from './BlockageDetailPanel';
import { BlockageTable } from './BlockageTable';
import { Filters, type FilterState } from './Filters';
import { ImportReportsDialog } from './ImportReportsDialog';
import { TeamsView } from './TeamsView';
import { useBlockageFeed } from './useBlockageFeed';
import { DispatchView } from './dispatch/DispatchView';

type Tab = 'list' | 'teams' | 'dispatch';

/** `#/blockages?tab=dispatch` opens 调度建议 (the capacity page links there). */
function tabFromHash(): Tab {
  const tab = new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('tab');
  return tab === 'teams' || tab === 'dispatch' ? tab : 'list';
}

const ALL_VISIBLE: Record<Layer, boolean> = { ditch: true, culvert: true, blockage: true, area: true };

function toQuery(f: FilterState): BlockageListInput {
  const q: BlockageListInput = {};
  if (f.status === 'open') q.statuses = [...OPEN_BLOCKAGE_STATUSES];
  else if (f.status) q.statuses = [f.status];
  if (f.village) q.village = f.village;
  if (f.teamId) q.teamId = f.teamId;
  if (f.minAgeHours) q.minAgeHours = f.minAgeHours;
  if (f.query.trim()) q.query = f.query.trim();
  if (f.sort) q.sort = f.sort;
  if (f.desc) q.desc = true;
  return q;
}

/** 堵点: the table beside the map, counts by status, one blockage's history and dispatch; teams and phones. */
export function BlockagesPage() {
  const { t, locale } = useI18n();
  const { settings } = useApp();
  const [tab, setTab] = useState<Tab>(tabFromHash);
  useEffect(() => {
    const onHash = () => setTab(tabFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const [filters, setFilters] = useState<FilterState>({ status: '', village: '', teamId: '', minAgeHours: 0, query: '', sort: '', desc: false });
  const [list, setList] = useState<BlockageList | null>(null);
  const [teams, setTeams] = useState<Team[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [network, setNetwork] = useState<NetworkCollection | null>(null);
  const [blockageFeatures, setBlockageFeatures] = useState<NetworkCollection['features']>([]);
  const [fitTo, setFitTo] = useState<{ bbox: Bbox; key: number } | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [toasts, setToasts] = useState<{ key: number; text: string }[]>([]);
  const [flash, setFlash] = useState<Set<string>>(new Set());
  const [importing, setImporting] = useState(false);
  const toastKey = useRef(0);

  const announce = useCallback(
    (changes: BlockageChange[]) => {
      const field = changes.filter((c) => c.source === 'field');
      if (field.length === 0) return;
      setFlash(new Set(field.map((c) => c.blockageId)));
      setTimeout(() => setFlash(new Set()), 4000);
      const added = field.slice(-3).map((c) => {
        const what = c.kind === 'report' ? t('bk.fieldReport') : c.toStatus ? BLOCKAGE_STATUS_LABELS[c.toStatus][locale] : BLOCKAGE_EVENT_KIND_LABELS[c.kind][locale];
        const gps = c.accuracyM !== null ? `（${t('bk.event.gps', { m: Math.round(c.accuracyM) })}）` : '';
        return { key: ++toastKey.current, text: `${t('bk.fieldUpdate')} · ${c.actor}：${c.blockageName} — ${what}${gps}` };
      });
      setToasts((old) => [...old, ...added].slice(-4));
      for (const a of added) setTimeout(() => setToasts((old) => old.filter((x) => x.key !== a.key)), 8000);
    },
    [t, locale],
  );
  const { version, live } = useBlockageFeed(announce);

  const fail = (e: unknown) => {
    if (e instanceof ApiError) setError(e.wire);
    else setError({ code: 'internal', message: String(e), messageEn: String(e) });
  };

  const query = useMemo(() => toQuery(filters), [filters]);
  useEffect(() => {
    if (version === null) return;
    invoke('blockages.list', query).then(setList, fail);
  }, [query, version]);
  useEffect(() => {
    if (version === null) return;
    invoke('teams.list', {}).then(setTeams, fail);
    invoke('network.list', { layers: ['blockage'] }).then((c) => setBlockageFeatures(c.features), fail);
  }, [version, tab]);
  useEffect(() => {
    invoke('network.list', { layers: ['area', 'ditch', 'culvert'] }).then(setNetwork, fail);
  }, []);

  // The map shows the network and the blockages the table shows, nothing else.
  const shownIds = useMemo(() => new Set(list?.rows.map((r) => r.id) ?? []), [list]);
  const collection = useMemo<NetworkCollection | null>(
    () => (network ? { type: 'FeatureCollection', features: [...network.features, ...blockageFeatures.filter((f) => shownIds.has(f.id))] } : null),
    [network, blockageFeatures, shownIds],
  );
  // 调度建议 draws the blockages of its plan, whatever the list's filters are.
  const everyBlockage = useMemo<NetworkCollection | null>(() => (network ? { type: 'FeatureCollection', features: [...network.features, ...blockageFeatures] } : null), [network, blockageFeatures]);
  const [fitted, setFitted] = useState(false);
  // The list's map mounts afresh when its tab opens again: fit it to the rows again.
  useEffect(() => {
    if (tab === 'list') setFitted(false);
  }, [tab]);
  useEffect(() => {
    if (fitted || !list || list.rows.length === 0) return;
    const xs = list.rows.map((r) => r.position[0]);
    const ys = list.rows.map((r) => r.position[1]);
    setFitTo({ bbox: [Math.min(...xs) - 0.005, Math.min(...ys) - 0.005, Math.max(...xs) + 0.005, Math.max(...ys) + 0.005], key: Date.now() });
    setFitted(true);
  }, [list, fitted]);

  const select = useCallback(
    (id: string | null, zoom = true) => {
      setSelected(id);
      const row = list?.rows.find((r) => r.id === id);
      if (row && zoom) {
        const [x, y] = row.position;
        setFitTo({ bbox: [x - 0.004, y - 0.003, x + 0.004, y + 0.003], key: Date.now() });
      }
    },
    [list],
  );

  const undo = async () => {
    setError(null);
    setNotice(null);
    try {
      const r = await invoke('blockages.undo', {});
      setNotice(`${t('bk.undone')}：${r.detail.blockage.name}`);
      setSelected(r.detail.blockage.id);
      setList(await invoke('blockages.list', query));
    } catch (e) {
      fail(e);
    }
  };

  const counts = list?.counts;
  const chip = (s: BlockageStatus) => (
    <button
      key={s}
      type="button"
      className={`bk-chip bk-chip-${s}${filters.status === s ? ' active' : ''}`}
      onClick={() => setFilters({ ...filters, status: filters.status === s ? '' : s })}
      data-testid={`count-${s}`}
    >
      <span className="bk-chip-label">{BLOCKAGE_STATUS_LABELS[s][locale]}</span>
      <span className="bk-chip-count">{counts?.[s] ?? 0}</span>
    </button>
  );

  return (
    <div className="bk-page">
      <header className="bk-head">
        <h1>{t('bk.title')}</h1>
        <div className="bk-tabs" role="tablist">
          <button type="button" role="tab" aria-selected={tab === 'list'} className={tab === 'list' ? 'active' : ''} onClick={() => setTab('list')}>
            {t('bk.tab.list')}
          </button>
          <button type="button" role="tab" aria-selected={tab === 'teams'} className={tab === 'teams' ? 'active' : ''} onClick={() => setTab('teams')}>
            {t('bk.tab.teams')}
          </button>
          <button type="button" role="tab" aria-selected={tab === 'dispatch'} className={tab === 'dispatch' ? 'active' : ''} onClick={() => setTab('dispatch')} data-testid="tab-dispatch">
            {t('dp.tab')}
          </button>
        </div>
        <span className={live ? 'bk-live on' : 'bk-live'} title={t('bk.live')}>
          ● {t('bk.live')}
        </span>
      </header>
      <div className="bk-toasts" aria-live="polite">
        {toasts.map((x) => (
          <div key={x.key} className="bk-toast" role="status">
            {x.text}
          </div>
        ))}
      </div>
      {error || notice ? (
        <div className="bk-messages">
          <ErrorBanner error={error} />
          {notice ? <div className="banner banner-ok">{notice}</div> : null}
        </div>
      ) : null}
      {tab === 'teams' ? (
        <TeamsView teams={teams} onChanged={() => invoke('teams.list', {}).then(setTeams, fail)} />
      ) : tab === 'dispatch' ? (
        <DispatchView
          network={everyBlockage}
          onAccepted={() => {
            invoke('blockages.list', query).then(setList, fail);
            invoke('network.list', { layers: ['blockage'] }).then((c) => setBlockageFeatures(c.features), fail);
          }}
        />
      ) : (
        <>
          <div className="bk-summary">
            {BLOCKAGE_STATUSES.map(chip)}
            <span className="bk-sep" />
            <button type="button" className={`bk-stat bk-stat-open${filters.status === 'open' ? ' active' : ''}`} onClick={() => setFilters({ ...filters, status: filters.status === 'open' ? '' : 'open' })}>
              {t('bk.open')} <b data-testid="count-open">{list?.open ?? 0}</b>
            </button>
            <button type="button" className={`bk-stat bk-stat-unassigned${filters.teamId === 'none' ? ' active' : ''}`} onClick={() => setFilters({ ...filters, teamId: filters.teamId === 'none' ? '' : 'none' })}>
              {t('bk.unassigned')} <b>{list?.unassigned ?? 0}</b>
            </button>
            <button type="button" className={`bk-stat bk-stat-overdue${filters.minAgeHours === 48 ? ' active' : ''}`} onClick={() => setFilters({ ...filters, minAgeHours: filters.minAgeHours === 48 ? 0 : 48 })}>
              {t('bk.overdue')} <b>{list?.overdue ?? 0}</b>
            </button>
            <span className="bk-grow" />
            <button type="button" onClick={() => setImporting(true)}>
              {t('bk.import')}
            </button>
            <button type="button" onClick={() => void undo()}>
              {t('bk.undo')}
            </button>
          </div>
          <Filters value={filters} onChange={setFilters} villages={list?.villages ?? []} teams={teams} />
          <div className="bk-body">
            <div className="bk-table-wrap">
              {list ? <BlockageTable rows={list.rows} total={Object.values(list.counts).reduce((a, b) => a + b, 0)} selected={selected} flash={flash} onSelect={(id) => select(id)} /> : <div className="loading">{t('common.loading')}</div>}
            </div>
            <div className="bk-side">
              <NetworkMap
                className="bk-map"
                collection={collection}
                basemap={settings.basemap}
                visible={ALL_VISIBLE}
                selectedId={selected}
                fitTo={fitTo}
                onSelect={(f) => (f?.layer === 'blockage' ? select(f.id, false) : undefined)}
              />
              {selected ? (
                <BlockageDetailPanel id={selected} version={version} teams={teams} onClose={() => setSelected(null)} onChanged={() => invoke('blockages.list', query).then(setList, fail)} />
              ) : (
                <div className="bk-hint">{t('bk.select')}</div>
              )}
            </div>
          </div>
        </>
      )}
      {importing ? (
        <ImportReportsDialog
          onClose={() => setImporting(false)}
          onDone={(n, firstId) => {
            setImporting(false);
            setNotice(`${t('bk.import.done')} ${n} ${t('bk.import.points')}`);
            invoke('blockages.list', query).then(setList, fail);
            if (firstId) setSelected(firstId);
          }}
        />
      ) : null}
    </div>
  );
}
