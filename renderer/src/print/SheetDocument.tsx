import type { SheetData } from '../../../shared/contract/sheets';
import { SheetHeader, Signatures } from './Header';
import { CONTENT_WIDTH_PX } from './page';
import { BlockageSection, ForceSection, PlanSection, RainSection, WorksSection } from './Sections';
import { SheetChart } from './SheetChart';
import { SheetMap } from './SheetMap';
import './sheet.css';

/**
 * The daily dispatch sheet as one document: 红头, sections 一 to 五, the chart and the map of the
 * day, and the signature lines. The print view prints it; the sheet page shows it as the preview.
 */
export function SheetDocument({ data, onMapIdle }: { data: SheetData; onMapIdle: () => void }) {
  return (
    <article className="sd" data-testid="sheet-document" data-state={data.state} lang="zh-CN">
      <SheetHeader data={data} />
      <RainSection data={data} />
      <ForceSection data={data} chart={<SheetChart days={data.chart} width={CONTENT_WIDTH_PX} />} />
      <WorksSection data={data} />
      <BlockageSection data={data} map={<SheetMap data={data} onIdle={onMapIdle} />} />
      <PlanSection data={data} />
      <Signatures data={data} />
    </article>
  );
}
