import { useMemo } from 'react';
import type { SheetData } from '../../../shared/contract/sheets';
import { CONDITION_COLORS, STATUS_COLORS } from '../map/networkStyle';
import { PrintMap } from './PrintMap';

/**
 * 图2: the map of the day, drawn as SVG from the sheet's own features (no basemap: offline and the
 * same on every PC; no map engine to start). Calls onIdle once the map is in the page.
 */
export function SheetMap({ data, onIdle }: { data: SheetData; onIdle: () => void }) {
  const counts = useMemo(() => {
    const machines = data.map.features.filter((f) => f.properties.layer === 'machines');
    return { places: machines.length, machines: machines.reduce((s, f) => s + Number(f.properties.machines ?? 0), 0) };
  }, [data.map]);

  return (
    <figure className="sd-figure sd-map" data-testid="sheet-map">
      <PrintMap map={data.map} onDrawn={onIdle} />
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
