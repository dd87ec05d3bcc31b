import { describe, expect, it } from 'vitest';
import { LAYER_FIELDS } from '../../../../electron/core/importers/network/schema';
import { parseDate, parseEnum, parseFieldValue, parseNumber, parseTimestamp } from '../../../../electron/core/importers/network/values';
import { parseCoordinateText } from '../../../../electron/core/importers/network/coordinate-text';

const spec = LAYER_FIELDS;

describe('reading values as office and field files write them', () => {
  it('numbers with units, ratios, per-mille and full-width digits', () => {
    expect(parseNumber('1.5').value).toBe(1.5);
    expect(parseNumber('１．５').value).toBe(1.5);
    expect(parseNumber('1,234.5').value).toBe(1234.5);
    expect(parseNumber('1.5米', 'length').value).toBe(1.5);
    expect(parseNumber('800mm', 'length').value).toBeCloseTo(0.8, 12);
    expect(parseNumber('1:1.5', 'side_slope').value).toBe(1.5);
    expect(parseNumber('1：2', 'side_slope').value).toBe(2);
    expect(parseNumber('0.5‰', 'slope').value).toBeCloseTo(0.0005, 12);
    expect(parseNumber('1/2000', 'slope').value).toBe(0.0005);
    expect(parseNumber('60%', 'ratio').value).toBeCloseTo(0.6, 12);
    expect(parseNumber('宽').error).toBe('宽');
    expect(parseNumber(null).value).toBeNull();
  });

  it('field ranges, integers and the millimetre guess for pipe diameters', () => {
    expect(parseFieldValue('Φ800', spec.culvert.diameter_m!)).toEqual({ value: 0.8, note: 'mm' });
    expect(parseFieldValue(0.8, spec.culvert.diameter_m!)).toEqual({ value: 0.8 });
    expect(parseFieldValue('2.5', spec.culvert.barrels!).error).toBe('2.5');
    expect(parseFieldValue('-1', spec.ditch.depth_m!).error).toBe('-1');
    expect(parseFieldValue('0.025', spec.ditch.manning_n!).value).toBe(0.025);
    expect(parseFieldValue('1.2', spec.area.runoff_coefficient!).error).toBe('1.2');
  });

  it('Chinese and English enum words', () => {
    const kind = (spec.ditch.kind as { values: Record<string, readonly string[]> }).values;
    expect(parseEnum('条田沟', kind).value).toBe('field');
    expect(parseEnum('支沟', kind).value).toBe('branch');
    expect(parseEnum('干沟', kind).value).toBe('main');
    expect(parseEnum('河', kind).value).toBe('river');
    expect(parseEnum('河道', kind).value).toBe('river');
    expect(parseEnum(' Branch ', kind).value).toBe('branch');
    expect(parseEnum('一级支沟', kind).value).toBe('branch');
    expect(parseEnum('水渠', kind).error).toBe('水渠');
    const condition = (spec.ditch.condition as { values: Record<string, readonly string[]> }).values;
    expect(['通畅', '淤积', '堵塞', '严重堵塞'].map((w) => parseEnum(w, condition).value)).toEqual(['clear', 'silted', 'blocked', 'blocked']);
    const status = (spec.blockage.status as { values: Record<string, readonly string[]> }).values;
    expect(['上报', '已派工', '处理中', '已疏通', '已验收', '误报'].map((w) => parseEnum(w, status).value)).toEqual(['reported', 'assigned', 'in_progress', 'cleared', 'verified', 'rejected']);
  });

  it('dates and township-time timestamps', () => {
    expect(parseDate('2025-07-05').value).toBe('2025-07-05');
    expect(parseDate('2025/7/5').value).toBe('2025-07-05');
    expect(parseDate('2025年7月5日').value).toBe('2025-07-05');
    expect(parseDate('20250705').value).toBe('2025-07-05');
    expect(parseDate('2025-02-30').error).toBe('2025-02-30');
    // 23:30 UTC on the 4th is already the 5th in the township.
    expect(parseDate('2025-07-04T23:30:00Z').value).toBe('2025-07-05');
    expect(parseTimestamp('2025-07-28 08:30').value).toBe('2025-07-28T00:30:00.000Z');
    expect(parseTimestamp('2025-07-28T08:30:00+08:00').value).toBe('2025-07-28T00:30:00.000Z');
    expect(parseTimestamp('2025-07-28T00:30:00Z').value).toBe('2025-07-28T00:30:00Z');
    expect(parseTimestamp('yesterday').error).toBe('yesterday');
  });

  it('coordinates in decimal or degrees-minutes-seconds', () => {
    expect(parseCoordinateText('124.2083')).toBe(124.2083);
    expect(parseCoordinateText('E124.5')).toBe(124.5);
    expect(parseCoordinateText('东经124.5')).toBe(124.5);
    expect(parseCoordinateText('124°30\'')).toBe(124.5);
    expect(parseCoordinateText('124度30分36秒')).toBeCloseTo(124.51, 12);
    expect(parseCoordinateText('43°23′55.3″N')).toBeCloseTo(43 + 23 / 60 + 55.3 / 3600, 12);
    expect(parseCoordinateText('-74.0')).toBe(-74);
    expect(parseCoordinateText('74W')).toBe(-74);
    expect(parseCoordinateText('124°75\'')).toBeNaN();
    expect(parseCoordinateText('abc')).toBeNaN();
  });
});
