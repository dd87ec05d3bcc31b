/** Numbers as the office reads them: rounded for display only, in the chosen units. */
import type { Locale, Units } from '../../../../shared/contract/settings';
import { m2ToMu } from '../../../../shared/geo/length';

const tag = (locale: Locale) => (locale === 'zh' ? 'zh-CN' : 'en-US');

/** A figure with at most `digits` decimals and thousands separators. */
export function num(x: number, locale: Locale, digits = 0): string {
  return x.toLocaleString(tag(locale), { minimumFractionDigits: 0, maximumFractionDigits: digits });
}

/** A length in the settings' unit: 210,000 m or 210 km. */
export function length(m: number, locale: Locale, units: Units): string {
  return units.length === 'km' ? `${num(m / 1000, locale, 2)} km` : `${num(m, locale)} ${locale === 'zh' ? '米' : 'm'}`;
}

/** A volume in the settings' unit: 105 万m³ (to 0.1) or 1,050,000 m³. */
export function volume(m3: number, locale: Locale, units: Units): string {
  if (units.volume === 'wan_m3') return `${num(m3 / 10_000, locale, 1)} ${locale === 'zh' ? '万m³' : '×10⁴ m³'}`;
  return `${num(m3, locale)} m³`;
}

/** Conveyance, m³/s: two decimals below 10, one above. */
export function flow(m3s: number, locale: Locale): string {
  return num(m3s, locale, m3s < 10 ? 2 : 1);
}

/** mu (亩) from m². */
export function mu(m2: number, locale: Locale): string {
  return num(m2ToMu(m2), locale, m2 < 66_667 ? 1 : 0);
}

/** Hours, with days beside them once it is more than a day: 30.5 小时（1.3 天）. */
export function hours(h: number, locale: Locale): string {
  const hText = `${num(h, locale, 1)} ${locale === 'zh' ? '小时' : 'h'}`;
  if (h < 24) return hText;
  return `${hText}（${num(h / 24, locale, 1)} ${locale === 'zh' ? '天' : 'd'}）`;
}
