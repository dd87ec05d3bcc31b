/** Test helpers: build valid sections or fail loudly. */
import { validateCulvert, validateDitchSection } from '../../../../shared/calc/validate';
import type { Culvert, CulvertInput, DitchSection, DitchSectionInput } from '../../../../shared/calc/sectionTypes';

export function ditch(input: DitchSectionInput): DitchSection {
  const result = validateDitchSection(input);
  if (!result.ok) throw new Error(`invalid test ditch: ${JSON.stringify(result.problems)}`);
  return result.section;
}

export function culvert(input: CulvertInput): Culvert {
  const result = validateCulvert(input);
  if (!result.ok) throw new Error(`invalid test culvert: ${JSON.stringify(result.problems)}`);
  return result.section;
}

/**
 * [lon, lat] of a point x m east and y m north of 126.9°E 46.5°N (a spot in Heilongjiang), using
 * the WGS84 length of a degree there (GeographicLib: 76,762.588 m east, 111,162.06 m north).
 */
export function at(x: number, y: number): [number, number] {
  return [126.9 + x / 76_762.588, 46.5 + y / 111_162.06];
}
