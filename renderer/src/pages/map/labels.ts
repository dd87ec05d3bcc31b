import type { Locale } from '../../../../shared/contract/settings';
import { m2ToHa, m2ToMu } from '../../../../shared/geo/length';

/** Pick a bilingual label in the UI language. */
export function pick(label: { zh: string; en: string } | undefined, locale: Locale): string {
  return label ? label[locale] : '';
}

/** A length for people: metres under 10 km, else kilometres. */
export function formatLength(m: number, locale: Locale): string {
  const nf = new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: m >= 10_000 ? 2 : 0 });
  return m >= 10_000 ? `${nf.format(m / 1000)} km` : `${nf.format(m)} m`;
}

/** An area in mu (亩) and hectares. */
export function formatArea(m2: number, locale: Locale): string {
  const nf = new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: 0 });
  return `${nf.format(m2ToMu(m2))} 亩 · ${nf.format(m2ToHa(m2))} ha`;
}
