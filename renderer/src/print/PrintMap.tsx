import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { SheetMap, SheetMapFeature } from '../../../shared/contract/sheets';
import { CONDITION_COLORS, KIND_WIDTHS, STATUS_COLORS } from '../map/networkStyle';
import { fitFrame, interpolate, scaleBar, type MapFrame } from './mapFrame';

// The sheet's map of the day as SVG (issue 15): the network style's colours, widths, dashes and
// radii at the zoom maplibre's fitBounds chose, drawn in the page with no WebGL, worker or tiles.
// It prints as vectors (sharp, small, fast) and is independent of the interactive map page.

const OPEN = new Set(['reported', 'assigned', 'in_progress']);
const widthStops = (w: number, extra = 0) => [[10, w * 0.35 + extra], [14, w + extra], [18, w * 2.5 + extra]] as const;
const kindWidth = (kind: string) => KIND_WIDTHS[kind as keyof typeof KIND_WIDTHS] ?? 1;
const px = (n: number) => Math.round(n * 10) / 10;

type Pt = [number, number];
type Geometry = SheetMapFeature['geometry'];

function lines(g: Geometry): number[][][] {
  if (g.type === 'LineString') return [g.coordinates as number[][]];
  if (g.type === 'Polygon') return g.coordinates;
  if (g.type === 'MultiPolygon') return g.coordinates.flat();
  return [];
}

function pathOf(frame: MapFrame, parts: number[][][], close: boolean): string {
  let d = '';
  for (const part of parts) {
    part.forEach((c, i) => {
      const [x, y] = frame.project(c[0]!, c[1]!);
      d += `${i === 0 ? 'M' : 'L'}${px(x)} ${px(y)}`;
    });
    if (close) d += 'Z';
  }
  return d;
}

/** Features in order, runs of the same style merged into one path (one SVG node per run, not per ditch). */
function runs<T extends string>(items: { key: T; d: string }[]): { key: T; d: string }[] {
  const out: { key: T; d: string }[] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    if (last && last.key === item.key) last.d += item.d;
    else out.push({ ...item });
  }
  return out;
}

/** The middle of an area's outer ring's extent: where the interactive map names it too. */
function labelPoint(g: Geometry): Pt | null {
  const ring = g.type === 'Polygon' ? (g.coordinates as number[][][])[0] : g.type === 'MultiPolygon' ? (g.coordinates as number[][][][])[0]?.[0] : undefined;
  if (!ring || ring.length === 0) return null;
  const lons = ring.map((p) => p[0]!);
  const lats = ring.map((p) => p[1]!);
  return [(Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2];
}

interface Drawn {
  areas: string;
  outlines: string;
  casing: { key: string; d: string }[];
  ditches: { key: string; d: string }[];
  silted: { key: string; d: string }[];
  blockages: { at: Pt; status: string; name: string }[];
  machines: { at: Pt; r: number }[];
  villages: { at: Pt; name: string }[];
  lineLabels: { id: string; d: string; name: string }[];
}

/** Project the sheet's features once per frame: everything the SVG draws, in maplibre's layer order. */
function draw(map: SheetMap, frame: MapFrame): Drawn {
  const z = frame.zoom;
  const out: Drawn = { areas: '', outlines: '', casing: [], ditches: [], silted: [], blockages: [], machines: [], villages: [], lineLabels: [] };
  const casing: Drawn['casing'] = [];
  const ditches: Drawn['ditches'] = [];
  const silted: Drawn['silted'] = [];
  for (const f of map.features) {
    const p = f.properties;
    const g = f.geometry;
    if (p.layer === 'area') {
      out.areas += pathOf(frame, lines(g), true);
      out.outlines += pathOf(frame, lines(g), true);
      const at = p.kind === 'village' ? labelPoint(g) : null;
      if (at) out.villages.push({ at: frame.project(at[0], at[1]), name: p.name });
    } else if (p.layer === 'ditch') {
      const d = pathOf(frame, lines(g), false);
      const w = kindWidth(p.kind ?? '');
      if (z >= 12 && p.kind !== 'field') casing.push({ key: `${px(interpolate(z, widthStops(w, 2)))}`, d });
      if (p.condition === 'silted') silted.push({ key: `${px(interpolate(z, widthStops(w)))}`, d });
      else {
        const colour = p.kind === 'river' ? '#4a90c8' : p.condition === 'blocked' ? CONDITION_COLORS.blocked : CONDITION_COLORS.clear;
        ditches.push({ key: `${colour}|${px(interpolate(z, widthStops(w)))}`, d });
      }
      if (z >= 11.5 && (p.kind === 'river' || p.kind === 'main') && p.name) {
        for (const [i, part] of lines(g).entries()) {
          const pts = part.map((c) => frame.project(c[0]!, c[1]!));
          // Labels read left to right, as maplibre keeps them upright.
          if (pts[0]![0] > pts[pts.length - 1]![0]) pts.reverse();
          out.lineLabels.push({ id: `${f.id}-${i}`, d: pts.map((q, k) => `${k === 0 ? 'M' : 'L'}${px(q[0])} ${px(q[1])}`).join(''), name: p.name });
        }
      }
    } else if (p.layer === 'blockage' && g.type === 'Point') {
      const c = g.coordinates as number[];
      out.blockages.push({ at: frame.project(c[0]!, c[1]!), status: p.status ?? '', name: p.name });
    } else if (p.layer === 'machines' && g.type === 'Point') {
      const c = g.coordinates as number[];
      out.machines.push({ at: frame.project(c[0]!, c[1]!), r: interpolate(Math.sqrt(Number(p.machines ?? 0)), [[0, 3], [10, 15]]) });
    }
  }
  out.casing = runs(casing);
  out.ditches = runs(ditches);
  out.silted = runs(silted);
  return out;
}

const halo = { stroke: '#ffffff', strokeWidth: 4, strokeLinejoin: 'round', paintOrder: 'stroke' } as const;

/** Blockage names wrap at ten characters (maplibre's text-max-width 10 em), in balanced lines. */
function wrap(name: string): string[] {
  const chars = [...name];
  const count = Math.ceil(chars.length / 10);
  const per = Math.ceil(chars.length / Math.max(1, count));
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += per) out.push(chars.slice(i, i + per).join(''));
  return out;
}

/** The SVG map itself, sized to its box (the sheet's 92 mm frame); calls onDrawn once it is in the page. */
export function PrintMap({ map, onDrawn }: { map: SheetMap; onDrawn: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useLayoutEffect(() => {
    const el = box.current;
    if (el) setSize({ width: el.clientWidth, height: el.clientHeight });
  }, []);
  const frame = useMemo(() => (size ? fitFrame(map.bbox, size.width, size.height) : null), [map.bbox, size]);
  const drawn = useMemo(() => (frame ? draw(map, frame) : null), [map, frame]);
  const drawnRef = useRef(onDrawn);
  drawnRef.current = onDrawn;
  useLayoutEffect(() => {
    if (drawn) drawnRef.current();
  }, [drawn]);
  const scale = frame ? scaleBar(frame) : null;
  const z = frame?.zoom ?? 0;
  const blockR = interpolate(z, [[10, 4], [16, 8]]);
  const haloR = interpolate(z, [[10, 8], [16, 16]]);

  return (
    <div ref={box} className="sd-map-canvas sd-map-svg" data-testid="sheet-map-svg" data-map-state={drawn ? 'idle' : 'loading'}>
      {frame && drawn && (
        <svg width={frame.width} height={frame.height} viewBox={`0 0 ${frame.width} ${frame.height}`} role="img" aria-label="当日未疏通堵点与机械分布图">
          <defs>
            {drawn.lineLabels.map((l) => <path key={l.id} id={`sd-ll-${l.id}`} d={l.d} />)}
          </defs>
          <rect width={frame.width} height={frame.height} fill="#f4f1e8" />
          <path d={drawn.areas} fill="#e9f2dc" fillOpacity={0.55} fillRule="evenodd" />
          <path d={drawn.outlines} fill="none" stroke="#9aab7c" strokeWidth={1.2} strokeDasharray="4.8 2.4" />
          {drawn.casing.map((r, i) => <path key={`c${i}`} d={r.d} fill="none" stroke="#ffffff" strokeOpacity={0.9} strokeWidth={Number(r.key)} strokeLinecap="round" strokeLinejoin="round" />)}
          {drawn.ditches.map((r, i) => {
            const [colour, width] = r.key.split('|');
            return <path key={`d${i}`} d={r.d} fill="none" stroke={colour} strokeWidth={Number(width)} strokeLinecap="round" strokeLinejoin="round" />;
          })}
          {drawn.silted.map((r, i) => (
            <path key={`s${i}`} d={r.d} fill="none" stroke={CONDITION_COLORS.silted} strokeWidth={Number(r.key)} strokeDasharray={`${px(2 * Number(r.key))} ${px(1.2 * Number(r.key))}`} strokeLinejoin="round" />
          ))}
          {drawn.blockages.filter((b) => OPEN.has(b.status)).map((b, i) => <circle key={`h${i}`} cx={px(b.at[0])} cy={px(b.at[1])} r={haloR} fill="#d7261e" fillOpacity={0.18} />)}
          {drawn.blockages.map((b, i) => (
            <circle key={`b${i}`} cx={px(b.at[0])} cy={px(b.at[1])} r={blockR + 1} fill={STATUS_COLORS[b.status as keyof typeof STATUS_COLORS] ?? '#868e96'} stroke="#ffffff" strokeWidth={2} />
          ))}
          <g fontFamily="'Noto Sans SC', sans-serif">
            {drawn.villages.map((v, i) => (
              <text key={`v${i}`} x={px(v.at[0])} y={px(v.at[1])} fontSize={15} letterSpacing={3} textAnchor="middle" dominantBaseline="central" fill="#5b6b3a" {...halo}>{v.name}</text>
            ))}
            {drawn.lineLabels.map((l) => (
              <text key={l.id} fontSize={13} dominantBaseline="central" fill="#0b4a7a" {...halo}>
                <textPath href={`#sd-ll-${l.id}`} startOffset="50%" textAnchor="middle">{l.name}</textPath>
              </text>
            ))}
            {z >= 13 &&
              drawn.blockages.filter((b) => OPEN.has(b.status)).map((b, i) => (
                <text key={`bl${i}`} x={px(b.at[0])} y={px(b.at[1] + 15.6)} fontSize={12} textAnchor="middle" dominantBaseline="hanging" fill="#a61e1e" {...halo}>
                  {wrap(b.name).map((line, k) => <tspan key={k} x={px(b.at[0])} dy={k === 0 ? 0 : 14.4}>{line}</tspan>)}
                </text>
              ))}
          </g>
          {drawn.machines.map((m, i) => <circle key={`m${i}`} cx={px(m.at[0])} cy={px(m.at[1])} r={px(m.r + 0.6)} fill="#0d3b66" fillOpacity={0.55} stroke="#ffffff" strokeWidth={1.2} />)}
        </svg>
      )}
      {scale && <div className="sd-map-scale" style={{ width: `${px(scale.widthPx)}px` }}>{scale.label}</div>}
    </div>
  );
}
