import type { Locale, Units } from '../../../../../shared/contract/settings';
import { num, volume } from '../../capacity/format';

/** A blockage's water: in the chosen unit, but small volumes in m³ (0.03 万m³ says nothing). */
export function dispatchVolume(m3: number, locale: Locale, units: Units): string {
  return units.volume === 'wan_m3' && m3 < 10_000 ? `${num(m3, locale)} m³` : volume(m3, locale, units);
}
