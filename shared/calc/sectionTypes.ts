/**
 * Cross-section types. The validated types carry a brand that only validate.ts can give, so a
 * capacity function can never be handed an unchecked (possibly missing or zero) section.
 */

/** 通畅 clear · 淤积 silted · 堵塞 blocked. */
export type DitchCondition = 'clear' | 'silted' | 'blocked';

/** A ditch cross-section as typed in or stored; any value may be missing. */
export interface DitchSectionInput {
  /** Bottom width b, m. 0 is allowed only for a V-ditch (side slope > 0). */
  bottomWidthM?: number | null;
  /** Full depth h, m. */
  depthM?: number | null;
  /** Side slope z, horizontal per vertical (1:z); 0 = rectangular. */
  sideSlope?: number | null;
  /** Manning roughness n (earth ≈ 0.025, weedy 0.030–0.035). */
  manningN?: number | null;
  /** Longitudinal slope S, m/m (this plain: 0.0002–0.001). */
  slope?: number | null;
}

/** A culvert as typed in or stored; any value may be missing. */
export interface CulvertInput {
  /** Pipe diameter D, m. */
  diameterM?: number | null;
  /** Number of barrels (parallel pipes), a whole number ≥ 1. */
  barrels?: number | null;
  /** Manning roughness n (concrete ≈ 0.013). */
  manningN?: number | null;
  /** Pipe slope S, m/m (usually the ditch's slope). */
  slope?: number | null;
  /** Pipe length, m; optional, but must be > 0 when given. */
  lengthM?: number | null;
}

declare const validDitchSection: unique symbol;
declare const validCulvert: unique symbol;

/** A ditch section that passed validateDitchSection. */
export type DitchSection = Readonly<{
  bottomWidthM: number;
  depthM: number;
  sideSlope: number;
  manningN: number;
  slope: number;
}> & { readonly [validDitchSection]: true };

/** A culvert that passed validateCulvert. */
export type Culvert = Readonly<{
  diameterM: number;
  barrels: number;
  manningN: number;
  slope: number;
  lengthM: number | null;
}> & { readonly [validCulvert]: true };
