import { useEffect, useState } from 'react';
import type { GeoJSONSource, Map as MapLibre } from 'maplibre-gl';
import type { PatrolCoverage, PatrolTrack } from '../../../../shared/contract/patrol';
import { townshipDay } from '../../../../shared/domain/dates';
import { invoke } from '../../api/client';
import { sourceOf } from '../../map/networkStyle';

const SOURCE = 'patrol';
/** One colour per team, in the order teams appear (distinct from the network's blues and reds). */
export const TEAM_COLOURS = ['#7b2cbf', '#e76f51', '#2a9d8f', '#c9184a', '#6a994e', '#bc6c25'];

/** Today's tracks by team (the covered ditches are drawn from the map's own tiles). */
function trackData(tracks: PatrolTrack[]): GeoJSON.FeatureCollection {
  const teams = [...new Set(tracks.map((t) => t.teamId))];
  return {
    type: 'FeatureCollection',
    features: [
      ...tracks.map((t) => ({
        type: 'Feature' as const,
        properties: { role: 'track', team: t.teamName, colour: TEAM_COLOURS[teams.indexOf(t.teamId) % TEAM_COLOURS.length] },
        geometry: { type: 'LineString' as const, coordinates: t.coordinates },
      })),
    ],
  };
}

function ensureLayers(map: MapLibre): void {
  if (map.getSource(SOURCE)) return;
  map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  // The covered band sits under the ditch lines, so a ditch's own colour (condition) still shows.
  // It reads the ditches from the map's vector tiles, picked by id: the page holds no geometry.
  const beneath = map.getLayer('ditch-casing') ? 'ditch-casing' : undefined;
  map.addLayer({ id: 'patrol-covered', type: 'line', ...sourceOf('tiles', 'ditch'), filter: ['==', ['get', 'id'], ''], paint: { 'line-color': '#2dc653', 'line-width': 10, 'line-opacity': 0.45 } }, beneath);
  map.addLayer({ id: 'patrol-track', type: 'line', source: SOURCE, paint: { 'line-color': ['get', 'colour'], 'line-width': 2.5, 'line-dasharray': [1.5, 1] } });
}

/**
 * The 巡查 layer of the map page: when on, loads today's tracks and the last 24 hours' coverage and
 * draws them; kept across basemap changes (a new style drops added layers).
 */
export function usePatrolOverlay(map: MapLibre | null, on: boolean, version: number) {
  const [data, setData] = useState<{ coverage: PatrolCoverage; tracks: PatrolTrack[] } | null>(null);
  useEffect(() => {
    if (!on) return setData(null);
    const date = townshipDay(new Date());
    void Promise.all([invoke('patrol.coverage', { date }), invoke('patrol.tracks', { date })]).then(([coverage, tracks]) => setData({ coverage, tracks }), () => setData(null));
  }, [on, version]);

  useEffect(() => {
    if (!map) return;
    const draw = () => {
      if (!map.isStyleLoaded()) return;
      ensureLayers(map);
      const empty: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
      (map.getSource(SOURCE) as GeoJSONSource).setData(data ? trackData(data.tracks) : empty);
      map.setFilter('patrol-covered', ['in', ['get', 'id'], ['literal', data?.coverage.coveredDitchIds ?? []]]);
    };
    draw();
    map.on('styledata', draw);
    return () => void map.off('styledata', draw);
  }, [map, data]);
  return data;
}
