/**
 * Ditch and culvert cross-sections at full depth, Manning conveyance and storage (DESIGN §3).
 * The trapezoid formulas are EPA SWMM's full-flow ones (xsect.c, TRAPEZOIDAL with equal sides).
 */
import { requireNumber, requirePositive } from './guards';
import type { Culvert, DitchCondition, DitchSection } from './sectionTypes';

/** Flow geometry of a section at full depth. */
export interface SectionGeometry {
  /** Flow area A, m². */
  areaM2: number;
  /** Wetted perimeter P, m. */
  wettedPerimeterM: number;
  /** Hydraulic radius R = A/P, m. */
  hydraulicRadiusM: number;
  /** Water-surface width at full depth, m (for a pipe flowing full: 0, the crown closes it). */
  topWidthM: number;
  /** Depth of the flow section, m (for a pipe: its diameter). */
  depthM: number;
}

/** Area share kept by a silted (淤积) ditch when the caller has no measured figure. */
export const DEFAULT_SILTED_AREA_FACTOR = 0.7;

/** Full-depth trapezoid with bottom width b, depth h, side slope z (pure geometry, no validation). */
function trapezoid(b: number, h: number, z: number): SectionGeometry {
  const areaM2 = (b + z * h) * h;
  const wettedPerimeterM = b + 2 * h * Math.sqrt(1 + z * z);
  return {
    areaM2,
    wettedPerimeterM,
    hydraulicRadiusM: areaM2 / wettedPerimeterM,
    topWidthM: b + 2 * z * h,
    depthM: h,
  };
}

/** Full-depth geometry of a trapezoidal ditch: A = (b + z·h)·h, P = b + 2h·√(1+z²), R = A/P. */
export function ditchGeometry(section: DitchSection): SectionGeometry {
  return trapezoid(section.bottomWidthM, section.depthM, section.sideSlope);
}

/**
 * Geometry of a silted ditch that keeps `areaFactor` of its full area.
 *
 * Silt settles on the bed, so we raise the bed by s until the area left above it is
 * factor × full area, and compute the wetted perimeter of that smaller, wider-bottomed section
 * (bottom b + 2zs, depth h − s, same z). The removed area is (b + z·s)·s = (1 − factor)·A, i.e.
 * z·s² + b·s − (1 − factor)·A = 0, solved in the form 2c / (b + √(b² + 4zc)) that also holds
 * for z = 0 (rectangle) and b = 0 (V-ditch) without dividing by zero. Both storage and
 * conveyance use this reduced section.
 */
export function siltedDitchGeometry(section: DitchSection, areaFactor: number): SectionGeometry {
  requireNumber('areaFactor', areaFactor, 0, 1);
  if (areaFactor === 0) throw new RangeError('areaFactor must be greater than 0 (a fully silted ditch is blocked)');
  const { bottomWidthM: b, depthM: h, sideSlope: z } = section;
  const removed = (1 - areaFactor) * trapezoid(b, h, z).areaM2;
  const siltDepth = (2 * removed) / (b + Math.sqrt(b * b + 4 * z * removed));
  return trapezoid(b + 2 * z * siltDepth, h - siltDepth, z);
}

/** Geometry of a circular pipe flowing full: A = πD²/4, P = πD, R = D/4. */
export function pipeGeometry(diameterM: number): SectionGeometry {
  requirePositive('diameterM', diameterM);
  return {
    areaM2: (Math.PI * diameterM * diameterM) / 4,
    wettedPerimeterM: Math.PI * diameterM,
    hydraulicRadiusM: diameterM / 4,
    topWidthM: 0,
    depthM: diameterM,
  };
}

/** Manning discharge Q = (1/n)·A·R^(2/3)·S^(1/2), m³/s (SI units). */
export function manningFlowM3s(geometry: SectionGeometry, manningN: number, slope: number): number {
  requirePositive('manningN', manningN);
  requirePositive('slope', slope);
  return (1 / manningN) * geometry.areaM2 * Math.pow(geometry.hydraulicRadiusM, 2 / 3) * Math.sqrt(slope);
}

/** Full-depth conveyance of a clear ditch, m³/s. */
export function ditchConveyanceM3s(section: DitchSection): number {
  return manningFlowM3s(ditchGeometry(section), section.manningN, section.slope);
}

/** Storage of a clear ditch at full depth V = A·L, m³ (L in m, geodesic length from the caller). */
export function ditchStorageM3(section: DitchSection, lengthM: number): number {
  requireNumber('lengthM', lengthM, 0);
  return ditchGeometry(section).areaM2 * lengthM;
}

/** What a ditch holds and carries in its present condition, and what clearing it would restore. */
export interface DitchCapacity {
  condition: DitchCondition;
  /** The section that counts now (reduced when silted; full when clear or blocked). */
  geometry: SectionGeometry;
  storageM3: number;
  conveyanceM3s: number;
  /** Clear, full-section figures. */
  fullStorageM3: number;
  fullConveyanceM3s: number;
  /** fullConveyance − conveyance: what clearing (疏通) the ditch gives back. */
  restoredConveyanceM3s: number;
  /** fullStorage − storage. */
  restoredStorageM3: number;
}

export interface DitchCapacityOptions {
  /** Area share kept when silted, (0, 1]; default DEFAULT_SILTED_AREA_FACTOR (0.7). */
  siltedAreaFactor?: number;
}

/**
 * Storage and conveyance of a ditch of length L (m) in its condition.
 * clear: full section. silted: the reduced section of siltedDitchGeometry for both.
 * blocked: conveys nothing past the blockage (DESIGN §3) but the ditch still holds water in its
 * full section, since a blockage is a point, not a filled ditch.
 */
export function ditchCapacity(
  section: DitchSection,
  lengthM: number,
  condition: DitchCondition,
  options: DitchCapacityOptions = {},
): DitchCapacity {
  requireNumber('lengthM', lengthM, 0);
  const full = ditchGeometry(section);
  const fullStorageM3 = full.areaM2 * lengthM;
  const fullConveyanceM3s = manningFlowM3s(full, section.manningN, section.slope);
  let geometry = full;
  let conveyanceM3s = fullConveyanceM3s;
  if (condition === 'silted') {
    geometry = siltedDitchGeometry(section, options.siltedAreaFactor ?? DEFAULT_SILTED_AREA_FACTOR);
    conveyanceM3s = manningFlowM3s(geometry, section.manningN, section.slope);
  } else if (condition === 'blocked') {
    conveyanceM3s = 0;
  }
  const storageM3 = geometry.areaM2 * lengthM;
  return {
    condition,
    geometry,
    storageM3,
    conveyanceM3s,
    fullStorageM3,
    fullConveyanceM3s,
    restoredConveyanceM3s: fullConveyanceM3s - conveyanceM3s,
    restoredStorageM3: fullStorageM3 - storageM3,
  };
}

/** Full-flow capacity of a culvert: one barrel and all barrels together. */
export interface CulvertCapacity {
  geometry: SectionGeometry;
  perBarrelM3s: number;
  /** perBarrel × barrels, m³/s. */
  totalM3s: number;
}

/** Full-flow Manning capacity of a culvert (pipe flowing full) times its number of barrels. */
export function culvertCapacity(culvert: Culvert): CulvertCapacity {
  const geometry = pipeGeometry(culvert.diameterM);
  const perBarrelM3s = manningFlowM3s(geometry, culvert.manningN, culvert.slope);
  return { geometry, perBarrelM3s, totalM3s: perBarrelM3s * culvert.barrels };
}
