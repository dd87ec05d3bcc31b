import type { ReactNode } from 'react';
import { Area, Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SeriesDay } from '../../../../shared/contract/totals';
import { useI18n, type MessageKey } from '../../i18n/I18n';
import { dec, int, longDay, niceTicks, shortDay } from './format';

const COLORS = {
  rain: '#1971c2',
  lastYear: '#adb5bd',
  rainCum: '#0b3d91',
  lastYearCum: '#868e96',
  people: '#74c0fc',
  excavators: '#e67700',
  longArm: '#c2255c',
  dumpTrucks: '#5f3dc4',
  pumps: '#0c8599',
  cleared: '#2f9e44',
  fieldDitch: '#a9e34b',
  clearedCum: '#1b5e20',
  fieldDitchCum: '#66a80f',
  open: '#e03131',
  clearedDay: '#2b8a3e',
};

interface ChartProps {
  days: SeriesDay[];
  /** The day the dashboard shows; marked with a line. */
  date: string;
}

/** A chart card with its title; charts are drawn without animation so a screenshot is final. */
function ChartCard({ title, children, footer, testId }: { title: string; children: ReactNode; footer?: ReactNode; testId: string }) {
  return (
    <section className="card dash-chart" data-testid={testId}>
      <h2>{title}</h2>
      <div className="dash-chart-body">
        <ResponsiveContainer width="100%" height={290}>
          {children as never}
        </ResponsiveContainer>
      </div>
      {footer}
    </section>
  );
}

/** The tooltip's title (the day) and each value with its unit, in the UI language. */
function useTooltip(units: Record<string, string>) {
  const { locale } = useI18n();
  return {
    labelFormatter: (day: unknown) =>
      typeof day !== 'string' ? '' : locale === 'zh' ? `${day.slice(0, 4)}年${longDay(day, 'zh')}` : `${longDay(day, 'en')} ${day.slice(0, 4)}`,
    formatter: (value: unknown, name: unknown) => {
      const n = typeof value === 'number' ? value : Number(value);
      const unit = units[String(name)] ?? '';
      return [`${Number.isInteger(n) ? int(n, locale) : dec(n, locale, 1)} ${unit}`.trim(), String(name)] as [string, string];
    },
  };
}

/** Axis titles sit horizontally above each axis: rotated Chinese is hard to read. */
const axisLabel = (value: string, side: 'left' | 'right') => ({
  value,
  position: 'top' as const,
  offset: 14,
  style: { textAnchor: side === 'left' ? ('start' as const) : ('end' as const), fill: '#5c6b7a', fontSize: 12 },
  dx: side === 'left' ? -26 : 26,
});

const xAxis = <XAxis dataKey="date" tickFormatter={shortDay} minTickGap={18} tick={{ fontSize: 12 }} />;
const grid = <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ee" vertical={false} />;
// Legend entries in the order the series are drawn (recharts sorts them by name otherwise).
const legend = <Legend wrapperStyle={{ fontSize: 13 }} itemSorter={null} />;

/** Daily rain this year and last as bars, both cumulative totals as lines. */
export function RainChart({ days, date }: ChartProps) {
  const { t } = useI18n();
  const n = (k: MessageKey) => t(k);
  const mmUnit = t('dash.unit.mm');
  const tip = useTooltip({ [n('dash.series.rain')]: mmUnit, [n('dash.series.lastYear')]: mmUnit, [n('dash.series.rainCum')]: mmUnit, [n('dash.series.lastYearCum')]: mmUnit });
  return (
    <ChartCard title={t('dash.chart.rain')} testId="chart-rain">
      <ComposedChart data={days} margin={{ top: 30, right: 16, left: 8, bottom: 0 }} barGap={0} barCategoryGap="12%">
        {grid}
        {xAxis}
        <YAxis yAxisId="day" tick={{ fontSize: 12 }} label={axisLabel(t('dash.axis.mm'), 'left')} width={56} />
        <YAxis yAxisId="cum" orientation="right" tick={{ fontSize: 12 }} label={axisLabel(t('dash.axis.cumMm'), 'right')} width={60} />
        <Tooltip {...tip} />
        {legend}
        <Bar yAxisId="day" dataKey="rainMm" name={n('dash.series.rain')} fill={COLORS.rain} isAnimationActive={false} />
        <Bar yAxisId="day" dataKey="lastYearMm" name={n('dash.series.lastYear')} fill={COLORS.lastYear} isAnimationActive={false} />
        <Line yAxisId="cum" type="monotone" dataKey="rainCumMm" name={n('dash.series.rainCum')} stroke={COLORS.rainCum} strokeWidth={2.5} dot={false} isAnimationActive={false} />
        <Line yAxisId="cum" type="monotone" dataKey="lastYearCumMm" name={n('dash.series.lastYearCum')} stroke={COLORS.lastYearCum} strokeWidth={2} strokeDasharray="6 4" dot={false} isAnimationActive={false} />
        <ReferenceLine yAxisId="day" x={date} stroke="#f0a400" strokeWidth={2} />
      </ComposedChart>
    </ChartCard>
  );
}

/** People (area, left axis) and each machine type (lines, right axis) per day. */
export function ForceChart({ days, date }: ChartProps) {
  const { t } = useI18n();
  const people = t('dash.unit.people');
  const machines = t('dash.unit.machines') || '';
  const names = {
    people: t('dash.series.people'),
    excavators: t('dash.series.excavators'),
    longArm: t('dash.series.longArm'),
    dumpTrucks: t('dash.series.dumpTrucks'),
    pumps: t('dash.series.pumps'),
  };
  const tip = useTooltip({ [names.people]: people, [names.excavators]: machines, [names.longArm]: machines, [names.dumpTrucks]: machines, [names.pumps]: machines });
  return (
    <ChartCard title={t('dash.chart.force')} testId="chart-force">
      <ComposedChart data={days} margin={{ top: 30, right: 16, left: 8, bottom: 0 }} barCategoryGap="18%">
        {grid}
        {xAxis}
        <YAxis yAxisId="people" tick={{ fontSize: 12 }} label={axisLabel(t('dash.axis.people'), 'left')} width={56} />
        <YAxis yAxisId="machines" orientation="right" tick={{ fontSize: 12 }} label={axisLabel(t('dash.axis.machines'), 'right')} width={56} />
        <Tooltip {...tip} />
        {legend}
        <Bar yAxisId="people" dataKey="people" name={names.people} fill={COLORS.people} fillOpacity={0.75} isAnimationActive={false} />
        <Line yAxisId="machines" type="monotone" dataKey="pumps" name={names.pumps} stroke={COLORS.pumps} strokeWidth={2} dot={false} isAnimationActive={false} />
        <Line yAxisId="machines" type="monotone" dataKey="excavators" name={names.excavators} stroke={COLORS.excavators} strokeWidth={2} dot={false} isAnimationActive={false} />
        <Line yAxisId="machines" type="monotone" dataKey="dumpTrucks" name={names.dumpTrucks} stroke={COLORS.dumpTrucks} strokeWidth={2} dot={false} isAnimationActive={false} />
        <Line yAxisId="machines" type="monotone" dataKey="longArmExcavators" name={names.longArm} stroke={COLORS.longArm} strokeWidth={2} dot={false} isAnimationActive={false} />
        <ReferenceLine yAxisId="people" x={date} stroke="#f0a400" strokeWidth={2} />
      </ComposedChart>
    </ChartCard>
  );
}

/** Ditch cleared and field ditch dug per day (bars, m) and cumulative (lines, km); culverts below. */
export function WorksChart({ days, date }: ChartProps) {
  const { t, locale } = useI18n();
  const data = days.map((d) => ({
    date: d.date,
    cleared: d.works.clearedDitchMeters,
    fieldDitch: d.works.fieldDitchMeters,
    clearedCum: d.worksCum.clearedDitchMeters / 1000,
    fieldDitchCum: d.worksCum.fieldDitchMeters / 1000,
  }));
  const names = {
    cleared: t('dash.series.cleared'),
    fieldDitch: t('dash.series.fieldDitch'),
    clearedCum: t('dash.series.clearedCum'),
    fieldDitchCum: t('dash.series.fieldDitchCum'),
  };
  const m = t('dash.unit.m');
  const km = t('dash.unit.km');
  const tip = useTooltip({ [names.cleared]: m, [names.fieldDitch]: m, [names.clearedCum]: km, [names.fieldDitchCum]: km });
  const cumTicks = niceTicks(Math.max(0, ...data.map((d) => Math.max(d.clearedCum, d.fieldDitchCum))));
  const last = days.find((d) => d.date === date) ?? days[days.length - 1];
  const footer = last ? (
    <p className="muted dash-foot">{t('dash.culverts', { n: int(last.worksCum.culvertsLaid, locale), m: dec(last.worksCum.culvertMeters, locale) })}</p>
  ) : null;
  return (
    <ChartCard title={t('dash.chart.works')} testId="chart-works" footer={footer}>
      <ComposedChart data={data} margin={{ top: 30, right: 16, left: 8, bottom: 0 }}>
        {grid}
        {xAxis}
        <YAxis yAxisId="day" tick={{ fontSize: 12 }} label={axisLabel(t('dash.axis.dayM'), 'left')} width={64} />
        <YAxis yAxisId="cum" orientation="right" tick={{ fontSize: 12 }} ticks={cumTicks} domain={[0, cumTicks[cumTicks.length - 1]!]} label={axisLabel(t('dash.axis.cumKm'), 'right')} width={56} />
        <Tooltip {...tip} />
        {legend}
        <Bar yAxisId="day" dataKey="cleared" name={names.cleared} stackId="w" fill={COLORS.cleared} isAnimationActive={false} />
        <Bar yAxisId="day" dataKey="fieldDitch" name={names.fieldDitch} stackId="w" fill={COLORS.fieldDitch} isAnimationActive={false} />
        <Line yAxisId="cum" type="monotone" dataKey="clearedCum" name={names.clearedCum} stroke={COLORS.clearedCum} strokeWidth={2.5} dot={false} isAnimationActive={false} />
        <Line yAxisId="cum" type="monotone" dataKey="fieldDitchCum" name={names.fieldDitchCum} stroke={COLORS.fieldDitchCum} strokeWidth={2} strokeDasharray="6 4" dot={false} isAnimationActive={false} />
        <ReferenceLine yAxisId="day" x={date} stroke="#f0a400" strokeWidth={2} />
      </ComposedChart>
    </ChartCard>
  );
}

/** Blockage points still open at the end of each day (area) and those cleared that day (bars). */
export function BlockageChart({ days, date }: ChartProps) {
  const { t } = useI18n();
  const pieces = t('dash.unit.pieces');
  const names = { open: t('dash.series.open'), cleared: t('dash.series.clearedDay') };
  const tip = useTooltip({ [names.open]: pieces, [names.cleared]: pieces });
  const none = days.every((d) => d.blockagesOpen === 0 && d.blockagesCleared === 0);
  return (
    <ChartCard title={t('dash.chart.blockages')} testId="chart-blockages" footer={none ? <p className="muted dash-foot">{t('dash.noBlockages')}</p> : null}>
      <ComposedChart data={days} margin={{ top: 30, right: 16, left: 8, bottom: 0 }}>
        {grid}
        {xAxis}
        <YAxis yAxisId="n" allowDecimals={false} tick={{ fontSize: 12 }} label={axisLabel(t('dash.axis.count'), 'left')} width={56} />
        <Tooltip {...tip} />
        {legend}
        <Area yAxisId="n" type="stepAfter" dataKey="blockagesOpen" name={names.open} stroke={COLORS.open} fill={COLORS.open} fillOpacity={0.15} strokeWidth={2} isAnimationActive={false} />
        <Bar yAxisId="n" dataKey="blockagesCleared" name={names.cleared} fill={COLORS.clearedDay} barSize={8} isAnimationActive={false} />
        <ReferenceLine yAxisId="n" x={date} stroke="#f0a400" strokeWidth={2} />
      </ComposedChart>
    </ChartCard>
  );
}
