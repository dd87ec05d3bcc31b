import { memo } from 'react';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, XAxis, YAxis } from 'recharts';
import type { SheetData } from '../../../shared/contract/sheets';

const tick = { fontSize: 10, fill: '#222' };
const shortDay = (d: string) => `${Number(d.slice(5, 7))}/${Number(d.slice(8, 10))}`;

type Days = SheetData['chart'];
const sameDays = (a: Days, b: Days) => a === b || (a.length === b.length && a.every((d, i) => JSON.stringify(d) === JSON.stringify(b[i])));

/**
 * 图1: daily rain (bars, mm, last year's in grey) against the people and machines out (lines),
 * over the season to the sheet's day. Fixed size and no animation, so it is final when drawn. A
 * warm print view handed the same series again (the preview, then 签发) keeps the drawn chart:
 * recharts is the slowest part of a redraw (issue 15).
 */
function Chart({ days, width }: { days: Days; width: number }) {
  return (
    <figure className="sd-figure" data-testid="sheet-chart">
      <ComposedChart width={width} height={200} data={days} margin={{ top: 18, right: 8, bottom: 0, left: 0 }} barCategoryGap="15%">
        <CartesianGrid strokeDasharray="2 2" stroke="#ccc" vertical={false} />
        <XAxis dataKey="date" tickFormatter={shortDay} tick={tick} minTickGap={16} stroke="#444" />
        <YAxis yAxisId="mm" tick={tick} width={34} stroke="#444" label={{ value: '降雨(mm)', position: 'top', offset: 8, dx: 12, style: { fontSize: 10, fill: '#222' } }} />
        <YAxis yAxisId="n" orientation="right" tick={tick} width={38} stroke="#444" label={{ value: '人/台', position: 'top', offset: 8, dx: -6, style: { fontSize: 10, fill: '#222' } }} />
        <Legend wrapperStyle={{ fontSize: 10 }} iconSize={9} height={18} />
        <Bar yAxisId="mm" dataKey="lastYearMm" name="去年同期降雨" fill="#bdbdbd" isAnimationActive={false} />
        <Bar yAxisId="mm" dataKey="rainMm" name="当日降雨" fill="#1f5fa8" isAnimationActive={false} />
        <Line yAxisId="n" dataKey="people" name="出动人员" stroke="#c62828" strokeWidth={1.6} dot={false} isAnimationActive={false} />
        <Line yAxisId="n" dataKey="machines" name="出动机械" stroke="#2e7d32" strokeWidth={1.6} dot={false} isAnimationActive={false} strokeDasharray="4 2" />
      </ComposedChart>
      <figcaption>图1 入汛以来降雨与出动力量（{days.length > 0 ? `${shortDay(days[0]!.date)}—${shortDay(days[days.length - 1]!.date)}` : '无数据'}）</figcaption>
    </figure>
  );
}

/** 图1, redrawn only when its series (or width) changes. */
export const SheetChart = memo(Chart, (a, b) => a.width === b.width && sameDays(a.days, b.days));
