import type { Locale } from '../../../../shared/contract/settings';
import { townshipDay } from '../../../../shared/domain/dates';

const tag = (locale: Locale) => (locale === 'zh' ? 'zh-CN' : 'en-US');

/** A whole number with thousands separators. */
export function int(x: number, locale: Locale): string {
  return Math.round(x).toLocaleString(tag(locale));
}

/** A figure with at most `digits` decimals (mm to 0.1, metres to 0.1). */
export function dec(x: number, locale: Locale, digits = 1): string {
  return x.toLocaleString(tag(locale), { minimumFractionDigits: 0, maximumFractionDigits: digits });
}

/** Millimetres always with one decimal, as rain gauges read. */
export function mm(x: number): string {
  return x.toFixed(1);
}

/** A change in percent with its sign: +82.1%. */
export function pct(x: number): string {
  return `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x).toFixed(1)}%`;
}

/** Cubic metres as leaders read them: 万m³ above 10,000. */
export function volume(m3: number, locale: Locale): string {
  if (locale === 'zh') return m3 >= 10_000 ? `${dec(m3 / 10_000, locale, 1)} 万m³` : `${int(m3, locale)} m³`;
  return m3 >= 1_000_000 ? `${dec(m3 / 1_000_000, locale, 2)} million m³` : `${int(m3, locale)} m³`;
}

/** A chart tick: 8/10. */
export function shortDay(day: string): string {
  return `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;
}

/** A date for a reader: 8月10日 / 10 Aug. */
export function longDay(day: string, locale: Locale): string {
  const m = Number(day.slice(5, 7));
  const d = Number(day.slice(8, 10));
  if (locale === 'zh') return `${m}月${d}日`;
  return `${d} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]}`;
}

/** Today's township day in the browser (Asia/Shanghai), used only until the core answers. */
export function localToday(): string {
  return townshipDay(new Date());
}

/** Round axis ticks from 0 past `max`: steps of 1, 2, 2.5 or 5 × 10ⁿ, about `count` of them. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}
