import { useMemo, useState } from 'react';
import type { WireError } from '../../../../shared/contract/errors';
import { ApiError, invoke } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n } from '../../i18n/I18n';
import { AreasTable } from './AreasTable';
import { CapacityMapView } from './CapacityMapView';
import { Controls, toQuery, type QueryState } from './Controls';
import { DataProblems } from './DataProblems';
import { downloadBase64 } from './download';
import { num } from './format';
import { CapacityKpis } from './Kpis';
import { ParametersPanel } from './ParametersPanel';
import { RankingTable } from './RankingTable';
import { TotalsTable } from './TotalsTable';
import { useCapacity } from './useCapacity';

const INITIAL: QueryState = { date: undefined, rainSource: 'today', typedMm: '50', method: 'coefficient', fillPct: '0' };

/**
 * 蓄排能力: what the ditches hold and carry, the drain-down of each area for a rain, and the
 * blockages to open first (issue 6). Everything is computed by the core from the database.
 */
export function CapacityPage() {
  const { t, locale } = useI18n();
  const [state, setState] = useState<QueryState>(INITIAL);
  const [version, setVersion] = useState(0);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<WireError | null>(null);
  const query = useMemo(() => toQuery(state), [state]);
  // A save of the parameters bumps the version, which fetches again with the same query.
  const { report, map, error, busy } = useCapacity(query, version);

  const exportFile = async (format: 'xlsx' | 'csv') => {
    if (!query) return;
    setExporting(true);
    setExportError(null);
    try {
      const file = await invoke('capacity.export', { format, locale, query });
      downloadBase64(file.fileName, file.mimeType, file.contentBase64);
    } catch (e) {
      if (e instanceof ApiError) setExportError(e.wire);
    } finally {
      setExporting(false);
    }
  };

  const rain = report?.rain;
  return (
    <div className="cap-page" data-testid="capacity-page" aria-busy={busy}>
      <header className="cap-head">
        <div>
          <h1>{t('cap.title')}</h1>
          <p className="muted">{t('cap.subtitle')}</p>
        </div>
        <div className="cap-rain-used" data-testid="rain-used">
          {rain && (
            <>
              {t('cap.rain.used')}：<strong>{rain.mm === null ? t('cap.rain.none') : `${num(rain.mm, locale, 1)} ${t('cap.rain.mm')}`}</strong>
              {rain.note && <div className="cap-subnote">{rain.note[locale]}</div>}
            </>
          )}
          {busy && <span className="muted"> {t('cap.computing')}</span>}
        </div>
      </header>
      <Controls state={state} shownDate={state.date ?? report?.date ?? ''} onChange={setState} onExport={exportFile} exporting={exporting} />
      <ErrorBanner error={error ?? exportError} />
      {report && (
        <>
          <CapacityKpis report={report} />
          <div className="cap-grid">
            <TotalsTable report={report} />
            <CapacityMapView data={map} />
          </div>
          <RankingTable report={report} />
          <AreasTable report={report} />
          <div className="cap-grid cap-grid-even">
            <DataProblems report={report} />
            <ParametersPanel settings={report.settings} onSaved={() => setVersion((v) => v + 1)} />
          </div>
        </>
      )}
    </div>
  );
}
