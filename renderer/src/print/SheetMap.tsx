import type { GeoJSONSource, Map as MapLibre } from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { NetworkCollection } from '../../../shared/contract/network';
import type { Basemap } from '../../../shared/contract/settings';
import type { SheetData } from '../../../shared/contract/sheets';
import { NetworkMap } from '../map/NetworkMap';
import { CONDITION_COLORS, NETWORK_SOURCE, STATUS_COLORS } from '../map/networkStyle';

const VISIBLE = { ditch: true, culvert: false, blockage: true, area: true } as const;
// No basemap: the printed map is the township's own data, offline and the same on every PC.
const NO_BASEMAP: Basemap = { kind: 'none', tiandituKey: '', offlineFile: '' };
const MACHINES = 'sheet-machines';

/** Where the machines were: a dark-blue disc per place, sized by the machines there (the next sheet's replace them). */
function showMachines(map: MapLibre, features: GeoJSON.Feature[]): void {
  const data: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features };
  const source = map.getSource(MACHINES) as GeoJSONSource | undefined;
  if (source) {
    source.setData(data);
    return;
  }
  map.addSource(MACHINES, { type: 'geojson', data });
  map.addLayer({
    id: 'sheet-machines-disc',
    type: 'circle',
    source: MACHINES,
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'machines']], 0, 3, 10, 15],
      'circle-color': '#0d3b66',
      'circle-opacity': 0.55,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1.2,
    },
  });
}

/**
 * 图2: the map of the day, drawn by the app's own NetworkMap (no basemap: offline and the same on
 * every PC). Calls onIdle once the network and the machines are on the map and it has gone idle.
 */
export function SheetMap({ data, onIdle }: { data: SheetData; onIdle: () => void }) {
  const [map, setMap] = useState<MapLibre | null>(null);
  const idleRef = useRef(onIdle);
  idleRef.current = onIdle;
  // The collection NetworkMap last handed to maplibre: a warm page still shows the previous sheet's until then.
  const shown = useRef<unknown>(null);
  const { network, machines, counts } = useMemo(() => {
    const all = data.map.features as unknown as GeoJSON.Feature[];
    const machineFeatures = all.filter((f) => f.properties?.layer === 'machines');
    return {
      // The sheet's trimmed features carry the properties the network style reads (layer, kind, condition, status, name).
      network: { type: 'FeatureCollection', features: all.filter((f) => f.properties?.layer !== 'machines') } as unknown as NetworkCollection,
      machines: machineFeatures,
      counts: { places: machineFeatures.length, machines: machineFeatures.reduce((s, f) => s + Number(f.properties?.machines ?? 0), 0) },
    };
  }, [data.map]);
  const expectNetwork = network.features.length > 0;

  useEffect(() => {
    if (!map) return;
    let done = false;
    const bbox = data.map.bbox;
    const add = () => {
      showMachines(map, machines);
      // A tight fit (NetworkMap's own fitTo pads 60 px, too much for a map 9 cm high).
      if (bbox) map.fitBounds([[bbox[0], bbox[1]], [bbox[2], bbox[3]]], { padding: 14, duration: 0 });
    };
    if (map.loaded()) add();
    else map.once('load', add);
    // Ready only on an idle after the network's data and the machines are in: the first idle can
    // come before NetworkMap has handed maplibre its features.
    const check = () => {
      if (done || !map.getSource(MACHINES) || !map.isSourceLoaded(MACHINES) || !map.isSourceLoaded(NETWORK_SOURCE)) return;
      if (shown.current !== network) return;
      if (expectNetwork && map.querySourceFeatures(NETWORK_SOURCE).length === 0) return;
      done = true;
      idleRef.current();
    };
    map.on('idle', check);
    return () => {
      map.off('idle', check);
    };
  }, [map, network, machines, expectNetwork, data.map.bbox]);

  return (
    <figure className="sd-figure sd-map" data-testid="sheet-map">
      <NetworkMap collection={network} basemap={NO_BASEMAP} visible={VISIBLE} selectedId={null} fitTo={null} onReady={setMap} onDataShown={(c) => (shown.current = c)} className="sd-map-canvas" />
      <div className="sd-legend">
        <span><i className="sd-key-line" style={{ background: CONDITION_COLORS.clear }} />通畅沟渠</span>
        <span><i className="sd-key-line sd-key-dash" style={{ borderColor: CONDITION_COLORS.silted }} />淤积</span>
        <span><i className="sd-key-line" style={{ background: CONDITION_COLORS.blocked }} />堵塞</span>
        <span><i className="sd-key-dot" style={{ background: STATUS_COLORS.reported }} />上报未派工</span>
        <span><i className="sd-key-dot" style={{ background: STATUS_COLORS.assigned }} />已派工</span>
        <span><i className="sd-key-dot" style={{ background: STATUS_COLORS.in_progress }} />处理中</span>
        <span><i className="sd-key-dot sd-key-machines" />机械（圆越大台数越多）</span>
      </div>
      <figcaption>
        图2 当日未疏通堵点与机械分布（{counts.places} 处作业点共 {counts.machines} 台机械
        {data.map.unplacedRows > 0 ? `；另有 ${data.map.unplacedRows} 条出动记录为未标注位置的工地` : ''}）
      </figcaption>
    </figure>
  );
}
