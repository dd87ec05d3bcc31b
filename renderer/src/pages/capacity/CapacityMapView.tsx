import type { GeoJSONSource, Map as MapLibre } from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CapacityMap } from '../../../../shared/contract/capacity';
import type { NetworkCollection } from '../../../../shared/contract/network';
import { invoke } from '../../api/client';
import { useI18n } from '../../i18n/I18n';
import { loadMapFont } from '../../map/loadMapFont';
import { NetworkMap, type Bbox } from '../../map/NetworkMap';
import { useApp } from '../../shell/AppContext';
import { BLOCKED_COLOR, CAPACITY_SOURCE, CONVEYANCE_CLASSES, ditchColor, ditchLayers, FILL_CLASSES, impactLayers, INVALID_COLOR, type ColourBy } from './mapStyle';

const VISIBLE = { ditch: false, culvert: false, blockage: true, area: true } as const;

/**
 * The network map (renderer/src/map) with the ditches drawn from the capacity figures: coloured by
 * conveyance or by how full they get for the rain, and each ranked blockage ringed by its impact.
 */
export function CapacityMapView({ data }: { data: CapacityMap | null }) {
  const { t } = useI18n();
  const { settings } = useApp();
  const [map, setMap] = useState<MapLibre | null>(null);
  const [ready, setReady] = useState(false);
  const [by, setBy] = useState<ColourBy>('conveyance');
  const [base, setBase] = useState<NetworkCollection | null>(null);
  const [fitTo, setFitTo] = useState<{ bbox: Bbox; key: number } | null>(null);

  // Areas and blockage points come from the network itself; the ditches come with their figures.
  useEffect(() => {
    invoke('network.list', { layers: ['area', 'blockage'] }).then(setBase, () => setBase(null));
  }, []);

  // Keep the whole network in view when the panel changes size (the page lays out around it),
  // until the user pans or zooms themselves.
  const bbox = useRef<Bbox | null>(null);
  useEffect(() => {
    if (!map) return;
    let userMoved = false;
    map.on('movestart', (e: { originalEvent?: unknown }) => {
      if (e.originalEvent) userMoved = true;
    });
    map.on('resize', () => {
      const b = bbox.current;
      if (!userMoved && b) map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: 40, maxZoom: 16, duration: 0 });
    });
  }, [map]);

  useEffect(() => {
    if (!map) return;
    const add = () => {
      if (!map.getSource(CAPACITY_SOURCE)) map.addSource(CAPACITY_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      const before = map.getLayer('culvert-symbol') ? 'culvert-symbol' : undefined;
      for (const layer of ditchLayers('conveyance')) if (!map.getLayer(layer.id)) map.addLayer(layer, before);
      setReady(true);
    };
    if (map.isStyleLoaded()) add();
    else map.once('load', add);
  }, [map]);

  const { maxHeld, maxStorage } = useMemo(() => {
    let held = 0;
    let storage = 0;
    for (const f of data?.features ?? []) {
      if (f.properties.layer !== 'blockage') continue;
      held = Math.max(held, f.properties.runoffHeldM3);
      storage = Math.max(storage, f.properties.storageM3);
    }
    return { maxHeld: held, maxStorage: storage };
  }, [data]);

  useEffect(() => {
    if (!map || !ready || !data) return;
    void loadMapFont(data.features.map((f) => f.properties.name)).then(() => {
      (map.getSource(CAPACITY_SOURCE) as GeoJSONSource | undefined)?.setData(data as GeoJSON.FeatureCollection);
    });
    for (const id of ['cap-impact', 'cap-rank']) if (map.getLayer(id)) map.removeLayer(id);
    for (const layer of impactLayers(maxHeld, maxStorage)) map.addLayer(layer);
    if (data.bbox) {
      bbox.current = data.bbox as Bbox;
      setFitTo((f) => f ?? { bbox: data.bbox as Bbox, key: 1 });
    }
  }, [map, ready, data, maxHeld, maxStorage]);

  useEffect(() => {
    if (map && ready && map.getLayer('cap-ditch')) map.setPaintProperty('cap-ditch', 'line-color', ditchColor(by));
  }, [map, ready, by]);

  const classes = by === 'conveyance' ? CONVEYANCE_CLASSES : FILL_CLASSES;
  const swatch = (color: string, dashed = false) => (
    <svg width="28" height="10" aria-hidden>
      <line x1="2" y1="5" x2="26" y2="5" stroke={color} strokeWidth="4" strokeLinecap="round" strokeDasharray={dashed ? '4 3' : undefined} />
    </svg>
  );
  return (
    <section className="card cap-map-card">
      <div className="cap-map-head">
        <h2>{t('cap.map')}</h2>
        <div className="cap-segmented small" role="radiogroup" aria-label={t('cap.map.by')}>
          {(['conveyance', 'fill'] as const).map((b) => (
            <label key={b} className={by === b ? 'active' : ''}>
              <input type="radio" name="cap-map-by" checked={by === b} onChange={() => setBy(b)} />
              {t(`cap.map.${b}`)}
            </label>
          ))}
        </div>
      </div>
      <NetworkMap collection={base} basemap={settings.basemap} visible={VISIBLE} selectedId={null} fitTo={fitTo} onReady={setMap} className="cap-map" />
      <ul className="cap-legend" data-testid="capacity-legend">
        {classes.map((c) => (
          <li key={c.label}>
            {swatch(c.color)} {c.label}
            {by === 'conveyance' ? ` ${t('cap.unit.m3s')}` : ''}
          </li>
        ))}
        {by === 'conveyance' ? <li>{swatch(BLOCKED_COLOR)} {t('cap.map.blocked')}</li> : <li>{swatch(INVALID_COLOR)} {t('cap.map.noArea')}</li>}
        <li>
          {swatch(INVALID_COLOR, true)} {t('cap.map.invalid')}
        </li>
        <li className="muted">{t('cap.map.impact')}</li>
      </ul>
    </section>
  );
}
