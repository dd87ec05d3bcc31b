import { describe, expect, it } from 'vitest';
import { validateCulvert, validateDitchSection, validateMany } from '../../../../shared/calc/validate';
import type { DitchSectionInput } from '../../../../shared/calc/sectionTypes';

const good: DitchSectionInput = { bottomWidthM: 1, depthM: 1.5, sideSlope: 1.5, manningN: 0.025, slope: 0.0005 };

function codes(input: DitchSectionInput): string[] {
  const result = validateDitchSection(input);
  return result.ok ? [] : result.problems.map((p) => `${p.field}:${p.code}`);
}

describe('validateDitchSection', () => {
  it('accepts a good section and hands back its numbers', () => {
    const result = validateDitchSection(good);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.section).toEqual(good);
  });

  it('reports every missing value', () => {
    expect(codes({})).toEqual([
      'bottomWidthM:missing',
      'depthM:missing',
      'sideSlope:missing',
      'manningN:missing',
      'slope:missing',
    ]);
    expect(codes({ ...good, depthM: null })).toEqual(['depthM:missing']);
  });

  it('reports NaN and Infinity as not a number, never as 0', () => {
    expect(codes({ ...good, bottomWidthM: Number.NaN })).toEqual(['bottomWidthM:not_a_number']);
    expect(codes({ ...good, slope: Infinity })).toEqual(['slope:not_a_number']);
  });

  it('width: negative is wrong; 0 only for a V-ditch', () => {
    expect(codes({ ...good, bottomWidthM: -0.5 })).toEqual(['bottomWidthM:width_not_positive']);
    expect(codes({ ...good, bottomWidthM: 0, sideSlope: 0 })).toEqual(['bottomWidthM:width_not_positive']);
    expect(codes({ ...good, bottomWidthM: 0, sideSlope: 1 })).toEqual([]);
  });

  it('depth must be > 0', () => {
    expect(codes({ ...good, depthM: 0 })).toEqual(['depthM:depth_not_positive']);
    expect(codes({ ...good, depthM: -1 })).toEqual(['depthM:depth_not_positive']);
  });

  it('n must be within 0.01–0.2 inclusive', () => {
    expect(codes({ ...good, manningN: 0.009 })).toEqual(['manningN:roughness_out_of_range']);
    expect(codes({ ...good, manningN: 0.21 })).toEqual(['manningN:roughness_out_of_range']);
    expect(codes({ ...good, manningN: 0.01 })).toEqual([]);
    expect(codes({ ...good, manningN: 0.2 })).toEqual([]);
  });

  it('slope must be > 0 and ≤ 0.1', () => {
    expect(codes({ ...good, slope: 0 })).toEqual(['slope:slope_out_of_range']);
    expect(codes({ ...good, slope: -0.001 })).toEqual(['slope:slope_out_of_range']);
    expect(codes({ ...good, slope: 0.11 })).toEqual(['slope:slope_out_of_range']);
    expect(codes({ ...good, slope: 0.1 })).toEqual([]);
  });

  it('side slope must not be negative', () => {
    expect(codes({ ...good, sideSlope: -1 })).toEqual(['sideSlope:side_slope_negative']);
  });

  it('reports several problems at once, with Chinese and English messages', () => {
    const result = validateDitchSection({ ...good, depthM: 0, manningN: 0.5 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(2);
    expect(result.problems[1]).toEqual({
      field: 'manningN',
      code: 'roughness_out_of_range',
      value: 0.5,
      message: { zh: '糙率 n = 0.5，应在 0.01–0.2 之间', en: 'Manning n = 0.5, must be between 0.01 and 0.2' },
    });
    expect(result.problems[0]!.message.zh).toBe('沟深 h = 0，应大于 0');
  });

  it('treats a non-number (e.g. a string from a form) as not a number', () => {
    const input = { ...good, depthM: '1.5' as unknown as number };
    expect(codes(input)).toEqual(['depthM:not_a_number']);
  });
});

describe('validateCulvert', () => {
  const culvert = { diameterM: 1, barrels: 2, manningN: 0.013, slope: 0.001 };

  it('accepts a good culvert; length is optional', () => {
    const result = validateCulvert(culvert);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.section).toEqual({ ...culvert, lengthM: null });
  });

  it('reports diameter, barrels, length, n, slope problems', () => {
    const result = validateCulvert({ diameterM: 0, barrels: 1.5, manningN: 0.001, slope: 0, lengthM: -2 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.field}:${p.code}`)).toEqual([
      'diameterM:diameter_not_positive',
      'barrels:barrels_not_whole',
      'lengthM:length_not_positive',
      'manningN:roughness_out_of_range',
      'slope:slope_out_of_range',
    ]);
  });

  it('reports missing barrels and zero barrels', () => {
    const missing = validateCulvert({ diameterM: 1, manningN: 0.013, slope: 0.001 });
    expect(missing.ok ? [] : missing.problems.map((p) => p.code)).toEqual(['missing']);
    const zero = validateCulvert({ ...culvert, barrels: 0 });
    expect(zero.ok ? [] : zero.problems.map((p) => p.code)).toEqual(['barrels_not_whole']);
  });
});

describe('validateMany', () => {
  it('splits valid sections from the problems of each invalid one', () => {
    const { valid, invalid } = validateMany(
      [
        { id: 'd1', input: good },
        { id: 'd2', input: { ...good, slope: 0 } },
      ],
      validateDitchSection,
    );
    expect([...valid.keys()]).toEqual(['d1']);
    expect(invalid).toHaveLength(1);
    expect(invalid[0]!.id).toBe('d2');
    expect(invalid[0]!.problems.map((p) => p.code)).toEqual(['slope_out_of_range']);
  });
});
