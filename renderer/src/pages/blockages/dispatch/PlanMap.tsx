import type { GeoJSONSource, Map as MapLibre } from 'maplibre-gl';
import { useEffect, useMemo, useState } from 'react';
import type { DispatchPlanOutput } from '../../../../../shared/contract/dispatch';
import type { NetworkCollection } from '../../../../../shared/contract/network';
import { useI18n } from '../../../i18n/I18n';
import { loadMapFont } from '../../../map/loadMapFont';
import { LABEL_FONT } from '../../../map/networkStyle';
import { NetworkMap, type Bbox } from '../../../map/NetworkMap';
import { useApp } from '../../../shell/AppContext';
import { routesOf, type PlanRow } from './planRows';

const VISIBLE = { ditch: true, culvert: false, blockage: true, area: true } as const;
const SOURCE = 'dispatch-routes';
/** One colour per team, distinct on the pale map and in print. */
export const TEAM_COLORS = ['#1565c0', '#c62828', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#ad1457', '#5d4037', '#283593', '#558b2f'];

/** The plan on the network map: a line from each team through its blockages in order. */
export function PlanMap({ plan, rows, network, teamColor }: { plan: DispatchPlanOutput; rows: readonly PlanRow[]; network: NetworkCollection | null; teamColor(teamId: string): string }) {
  const { t } = useI18n();
  const { settings } = useApp();
  const [map, setMap] = useState<MapLibre | null>(null);
  const [ready, setReady] = useState(false);

  const data = useMemo<GeoJSON.FeatureCollection>(() => {
    const features: GeoJSON.Feature[] = [];
    for (const { team, stops } of routesOf(plan, rows)) {
      const color = teamColor(team.teamId);
      features.push({ type: 'Feature', properties: { kind: 'route', color }, geometry: { type: 'LineString', coordinates: [team.position, ...stops.map((s) => s.position)] } });
      features.push({ type: 'Feature', properties: { kind: 'team', color, label: team.name }, geometry: { type: 'Point', coordinates: team.position } });
      stops.forEach((s, i) => features.push({ type: 'Feature', properties: { kind: 'stop', color, label: String(i + 1) }, geometry: { type: 'Point', coordinates: s.position } }));
    }
    return { type: 'FeatureCollection', features };
  }, [plan, rows, teamColor]);

  const fitTo = useMemo<{ bbox: Bbox; key: number } | null>(() => {
    const pts = [...plan.teams.map((x) => x.position), ...plan.teams.flatMap((x) => x.jobs.map((j) => j.position))];
    if (pts.length === 0) return null;
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    return { bbox: [Math.min(...xs) - 0.01, Math.min(...ys) - 0.008, Math.max(...xs) + 0.01, Math.max(...ys) + 0.008], key: plan.ms };
  }, [plan]);

  useEffect(() => {
    if (!map) return;
    const add = () => {
      if (!map.getSource(SOURCE)) map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      const kind = (k: string) => ['==', ['get', 'kind'], k] as ['==', ['get', string], string];
      if (!map.getLayer('dp-route')) {
        map.addLayer({ id: 'dp-route', type: 'line', source: SOURCE, filter: kind('route'), layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': ['get', 'color'], 'line-width': 3.5, 'line-opacity': 0.9 } });
        map.addLayer({ id: 'dp-stop', type: 'circle', source: SOURCE, filter: kind('stop'), paint: { 'circle-radius': 9, 'circle-color': '#ffffff', 'circle-stroke-color': ['get', 'color'], 'circle-stroke-width': 3 } });
        map.addLayer({ id: 'dp-stop-label', type: 'symbol', source: SOURCE, filter: kind('stop'), layout: { 'text-field': ['get', 'label'], 'text-font': LABEL_FONT, 'text-size': 12, 'text-allow-overlap': true }, paint: { 'text-color': ['get', 'color'] } });
        map.addLayer({ id: 'dp-team', type: 'circle', source: SOURCE, filter: kind('team'), paint: { 'circle-radius': 8, 'circle-color': ['get', 'color'], 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 } });
        map.addLayer({
          id: 'dp-team-label',
          type: 'symbol',
          source: SOURCE,
          filter: kind('team'),
          layout: { 'text-field': ['get', 'label'], 'text-font': LABEL_FONT, 'text-size': 13, 'text-offset': [0, 1.3], 'text-anchor': 'top', 'text-allow-overlap': true },
          paint: { 'text-color': ['get', 'color'], 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
        });
      }
      setReady(true);
    };
    if (map.isStyleLoaded()) add();
    else map.once('load', add);
  }, [map]);

  useEffect(() => {
    if (!map || !ready) return;
    const labels = data.features.map((f) => String(f.properties?.label ?? ''));
    void loadMapFont(labels).then(() => (map.getSource(SOURCE) as GeoJSONSource | undefined)?.setData(data));
  }, [map, ready, data]);

  const shownIds = useMemo(() => new Set(rows.map((r) => r.job.blockageId)), [rows]);
  const collection = useMemo<NetworkCollection | null>(
    () => (network ? { type: 'FeatureCollection', features: network.features.filter((f) => f.properties.layer !== 'blockage' || shownIds.has(f.id)) } : null),
    [network, shownIds],
  );

  return (
    <section className="dp-map-card" data-testid="dispatch-map" data-routes={routesOf(plan, rows).length}>
      <div className="dp-map-head">
        <strong>{t('dp.map')}</strong>
        <span className="muted">{t('dp.map.legend')}</span>
      </div>
      <NetworkMap className="dp-map" collection={collection} basemap={settings.basemap} visible={VISIBLE} selectedId={null} fitTo={fitTo} onReady={setMap} />
    </section>
  );
}
