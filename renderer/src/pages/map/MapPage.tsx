import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LngLat } from 'maplibre-gl';
import type { WireError } from '../../../../shared/contract/errors';
import type { NetworkFeature } from '../../../../shared/contract/network';
import { LAYER_LABELS, LAYERS, type Layer } from '../../../../shared/domain/network';
import type { Map as MapLibre } from 'maplibre-gl';
import { ApiError, invoke } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n } from '../../i18n/I18n';
import { NetworkMap, type Bbox } from '../../map/NetworkMap';
import { useApp } from '../../shell/AppContext';
import { FeaturePanel } from './FeaturePanel';
import { ImportDialog } from './ImportDialog';
import { Legend } from './Legend';
import { pick } from './labels';
import { downloadBase64, downloadText } from '../../components/download';
import type { ExportFormatName } from '../../../../shared/contract/imports';
import { SearchBox } from './SearchBox';
import { StartChecklist } from './StartChecklist';
import { PatrolSummary } from './PatrolSummary';
import { usePatrolOverlay } from './usePatrolOverlay';
import { useDrawing } from './useDrawing';
import { useNetwork } from './useNetwork';

const ALL_VISIBLE: Record<Layer, boolean> = { ditch: true, culvert: true, blockage: true, area: true };

/** The screen the app opens on: the whole network, its legend, search, editing and import. */
export function MapPage() {
  const { t, locale } = useI18n();
  const { settings, pendingImport, setPendingImport } = useApp();
  const { summary, villages, reload } = useNetwork();
  const [visible, setVisible] = useState(ALL_VISIBLE);
  const [selected, setSelected] = useState<{ layer: Layer; id: string } | null>(null);
  const [fitTo, setFitTo] = useState<{ bbox: Bbox; key: number } | null>(null);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<WireError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [importing, setImporting] = useState<{ file: File | null } | null>(null);
  // A file chosen in the first-run setup is imported here, with the usual preview and checks.
  useEffect(() => {
    if (!pendingImport) return;
    setImporting({ file: pendingImport });
    setPendingImport(null);
  }, [pendingImport, setPendingImport]);
  const drawing = useDrawing();
  const [map, setMap] = useState<MapLibre | null>(null);
  const [patrolOn, setPatrolOn] = useState(false);
  const patrol = usePatrolOverlay(map, patrolOn, version);

  const fit = useCallback((bbox: Bbox) => setFitTo({ bbox, key: Date.now() }), []);
  // Zoom to the whole network once, when its extent first arrives, so the first tiles fetched are
  // already the ones in view.
  const [fitted, setFitted] = useState(false);
  useEffect(() => {
    const bbox = !fitted && summary?.bbox ? (summary.bbox as Bbox) : null;
    if (bbox) {
      fit(bbox);
      setFitted(true);
    }
  }, [summary, fitted, fit]);

  // After a change the map fetches its changed tiles first; the summary, village list and checklist
  // reload once those are drawn (or after 1.5 s), so they do not queue ahead of the tiles in the core.
  const [shownVersion, setShownVersion] = useState(0);
  const changed = useCallback(async () => {
    setVersion((v) => v + 1);
  }, []);
  useEffect(() => {
    if (version === 0) return;
    const timer = setTimeout(() => setShownVersion(version), 1500);
    return () => clearTimeout(timer);
  }, [version]);
  useEffect(() => {
    if (shownVersion > 0) void reload();
  }, [shownVersion, reload]);

  const run = useCallback(
    async (fn: () => Promise<unknown>, done?: string) => {
      setError(null);
      setNotice(null);
      try {
        await fn();
        if (done) setNotice(done);
        await changed();
      } catch (e) {
        if (e instanceof ApiError) setError(e.wire);
      }
    },
    [changed],
  );

  const undo = useCallback(() => run(() => invoke('network.undo', {}), t('map.undone')), [run, t]);

  const finishLine = useCallback(async () => {
    if (drawing.mode?.kind !== 'ditch' || drawing.points.length < 2) return;
    const coordinates = drawing.points as [number, number][];
    drawing.cancel();
    await run(async () => {
      const f = await invoke('network.create', { layer: 'ditch', geometry: { type: 'LineString', coordinates }, properties: { kind: 'field' } });
      setSelected({ layer: 'ditch', id: f.id });
    });
  }, [drawing, run]);

  const onPick = useCallback(
    (at: LngLat) => {
      const mode = drawing.mode;
      if (!mode) return;
      if (mode.kind === 'ditch') return drawing.add(at);
      const geometry = { type: 'Point' as const, coordinates: [at.lng, at.lat] as [number, number] };
      drawing.cancel();
      if (mode.kind === 'move') {
        void run(() => invoke('network.update', { layer: mode.layer, id: mode.id, geometry }));
        return;
      }
      void run(async () => {
        const f = await invoke('network.create', { layer: mode.kind, geometry, properties: {} } as never);
        setSelected({ layer: mode.kind, id: (f as NetworkFeature).id });
      });
    },
    [drawing, run],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement;
      if (e.key === 'Escape') drawing.cancel();
      else if (e.key === 'Enter' && drawing.mode?.kind === 'ditch' && !typing) void finishLine();
      else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && !typing) {
        e.preventDefault();
        void undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [drawing, finishLine, undo]);

  const exportAs = (choice: string) =>
    run(async () => {
      const [format, encoding] = choice.split(':') as [ExportFormatName, 'gbk' | 'utf-8' | undefined];
      const file = await invoke('network.export', { format, ...(encoding ? { encoding } : {}) });
      if (file.base64 !== undefined) downloadBase64(file.fileName, file.mimeType, file.base64);
      else downloadText(file.fileName, file.mimeType, file.text);
      if (file.warnings.length > 0) window.alert(file.warnings.map((w) => pick(w, locale)).join('\n'));
    });

  const hint = drawing.mode ? (drawing.mode.kind === 'ditch' ? t('map.draw.hint.line') : drawing.mode.kind === 'move' ? t('map.draw.hint.move') : t('map.draw.hint.point')) : null;
  const empty = summary !== null && Object.values(summary.counts).every((n) => n === 0);
  const tiles = useMemo(() => ({ version }), [version]);
  const onPickProp = useMemo(() => (drawing.mode ? onPick : null), [drawing.mode, onPick]);

  return (
    <div
      className="map-page"
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        const file = e.dataTransfer.files[0];
        if (file) setImporting({ file });
      }}
    >
      <div className="map-toolbar" role="toolbar" aria-label={t('nav.map')}>
        <SearchBox
          onChoose={(hit) => {
            fit(hit.bbox);
            setSelected({ layer: hit.layer, id: hit.id });
          }}
        />
        <select
          aria-label={t('map.village')}
          value=""
          onChange={(e) => {
            const v = villages.find((x) => x.name === e.target.value);
            if (v) fit(v.bbox);
            else if (e.target.value === '*' && summary?.bbox) fit(summary.bbox as Bbox);
          }}
        >
          <option value="">{t('map.village')}…</option>
          <option value="*">{t('map.village.all')}</option>
          {villages.map((v) => (
            <option key={v.name} value={v.name}>
              {v.name}
            </option>
          ))}
        </select>
        <div className="tool-group">
          <button type="button" onClick={() => drawing.start({ kind: 'ditch' })} aria-pressed={drawing.mode?.kind === 'ditch'}>
            {t('map.draw.ditch')}
          </button>
          <button type="button" onClick={() => drawing.start({ kind: 'culvert' })} aria-pressed={drawing.mode?.kind === 'culvert'}>
            {t('map.draw.culvert')}
          </button>
          <button type="button" onClick={() => drawing.start({ kind: 'blockage' })} aria-pressed={drawing.mode?.kind === 'blockage'}>
            {t('map.draw.blockage')}
          </button>
          <button type="button" onClick={() => void undo()} title="Ctrl+Z">
            {t('map.undo')}
          </button>
        </div>
        <div className="tool-group">
          <button type="button" onClick={() => setImporting({ file: null })}>
            {t('map.import')}
          </button>
          <select aria-label={t('map.export')} value="" onChange={(e) => e.target.value && void exportAs(e.target.value)}>
            <option value="">{t('map.export')}…</option>
            <option value="geojson">GeoJSON</option>
            <option value="kml">KML</option>
            <option value="csv">CSV</option>
            <option value="gpkg">GeoPackage</option>
            <option value="shapefile:gbk">{t('map.export.shapefileGbk')}</option>
            <option value="shapefile:utf-8">{t('map.export.shapefileUtf8')}</option>
            <option value="xlsx">{t('map.export.ledger')}</option>
          </select>
        </div>
        {summary?.isDemo && <span className="badge demo">{t('map.demo')}</span>}
      </div>
      {hint && (
        <div className="map-hint" role="status">
          {hint}
          {drawing.mode?.kind === 'ditch' && (
            <button type="button" className="primary" disabled={drawing.points.length < 2} onClick={() => void finishLine()}>
              {t('map.draw.finish')}
            </button>
          )}
          <button type="button" onClick={drawing.cancel}>
            {t('map.draw.cancel')}
          </button>
        </div>
      )}
      <div className="map-body">
        <NetworkMap
          collection={null}
          tiles={tiles}
          basemap={settings.basemap}
          visible={visible}
          selectedId={selected?.id ?? null}
          selectedLayer={selected?.layer ?? null}
          onSelect={setSelected}
          onPick={onPickProp}
          sketch={drawing.sketch}
          fitTo={fitTo}
          onReady={setMap}
          onTilesShown={setShownVersion}
        />
        <div className="map-overlay-left">
          <section className="map-layers" aria-label={t('map.layers')}>
            <h3>{t('map.layers')}</h3>
            {LAYERS.map((l) => (
              <label key={l}>
                <input type="checkbox" checked={visible[l]} onChange={(e) => setVisible({ ...visible, [l]: e.target.checked })} /> {pick(LAYER_LABELS[l], locale)}
                <span className="muted"> {summary?.counts[l] ?? 0}</span>
              </label>
            ))}
            <label>
              <input type="checkbox" checked={patrolOn} onChange={(e) => setPatrolOn(e.target.checked)} /> {t('patrol.layer')}
            </label>
            {patrol && <PatrolSummary coverage={patrol.coverage} tracks={patrol.tracks} />}
          </section>
          <Legend />
          <StartChecklist version={shownVersion} />
        </div>
        {(error || notice) && (
          <div className="map-messages">
            <ErrorBanner error={error} />
            {notice && (
              <div className="banner banner-ok" role="status">
                {notice}
              </div>
            )}
          </div>
        )}
        {empty && !importing && <div className="map-empty">{t('map.empty')}</div>}
        {selected && (
          <FeaturePanel
            target={selected}
            // Re-read once the changed tiles are drawn: the tiles go first in the core's queue.
            version={shownVersion}
            onChanged={() => void changed()}
            onClose={() => setSelected(null)}
            onMove={(f) => drawing.start({ kind: 'move', layer: f.properties.layer as 'culvert' | 'blockage', id: f.id })}
          />
        )}
      </div>
      {importing && (
        <ImportDialog
          initialFile={importing.file}
          onClose={() => setImporting(null)}
          onDone={(result) => {
            setImporting(null);
            const c = result.counts;
            setNotice(`${t('import.done')} ${result.fileName}：${pick(LAYER_LABELS.ditch, locale)} ${c.ditch}，${pick(LAYER_LABELS.culvert, locale)} ${c.culvert}，${pick(LAYER_LABELS.blockage, locale)} ${c.blockage}，${pick(LAYER_LABELS.area, locale)} ${c.area}`);
            setFitted(false);
            void changed();
          }}
        />
      )}
    </div>
  );
}
