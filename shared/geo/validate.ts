/**
 * Checking a geometry that came from outside (a file, a phone) before it reaches the map or the
 * database: shape, finite numbers, lon/lat ranges, enough positions, closed rings.
 */
import type { Bilingual } from '../contract/errors';

/** Why a geometry is not acceptable. */
export type GeometryProblemCode =
  | 'not_object'
  | 'unsupported_type'
  | 'not_array'
  | 'not_number'
  | 'lon_range'
  | 'lat_range'
  | 'too_few_positions'
  | 'ring_not_closed'
  | 'empty';

/** One thing wrong, where (a JSON-ish path like `coordinates[2][1]`) and a message in both languages. */
export interface GeometryProblem {
  code: GeometryProblemCode;
  path: string;
  message: Bilingual;
}

/** Stop collecting after this many: one bad file must not make a megabyte of messages. */
export const MAX_GEOMETRY_PROBLEMS = 20;

const SUPPORTED = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'];

/** Large values mean metres in a projected grid (Gauss-Krüger easting/northing), not degrees. */
function projectedHint(value: number): Bilingual {
  return Math.abs(value) > 1000
    ? { zh: '(像是投影坐标,单位为米,不是经纬度)', en: ' (looks like projected metres, not degrees)' }
    : { zh: '', en: '' };
}

function show(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

class Checker {
  readonly problems: GeometryProblem[] = [];

  /** `ranges` false: projected metres, where only shape and finiteness can be checked yet. */
  constructor(private readonly ranges = true) {}

  add(code: GeometryProblemCode, path: string, zh: string, en: string): void {
    if (this.problems.length < MAX_GEOMETRY_PROBLEMS) this.problems.push({ code, path, message: { zh, en } });
  }

  get full(): boolean {
    return this.problems.length >= MAX_GEOMETRY_PROBLEMS;
  }

  position(p: unknown, path: string): void {
    if (!Array.isArray(p)) {
      this.add('not_array', path, `${path} 应为 [经度, 纬度],实际是 ${show(p)}`, `${path} should be [lon, lat], got ${show(p)}`);
      return;
    }
    if (p.length < 2) {
      this.add('too_few_positions', path, `${path} 缺少坐标(只有 ${p.length} 个数)`, `${path} is missing coordinates (only ${p.length} number(s))`);
      return;
    }
    p.forEach((v: unknown, i: number) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        const what = i === 0 ? ['经度', 'longitude'] : i === 1 ? ['纬度', 'latitude'] : ['高程', 'altitude'];
        this.add('not_number', `${path}[${i}]`, `${path} 的${what[0]}不是有效数字:${show(v)}`, `${path}: ${what[1]} is not a finite number: ${show(v)}`);
      }
    });
    const [lon, lat] = p as unknown[];
    if (!this.ranges) return;
    if (typeof lon === 'number' && Number.isFinite(lon) && (lon < -180 || lon > 180)) {
      const hint = projectedHint(lon);
      this.add('lon_range', `${path}[0]`, `${path} 的经度 ${lon} 超出 [-180, 180]${hint.zh}`, `${path}: longitude ${lon} is outside [-180, 180]${hint.en}`);
    }
    if (typeof lat === 'number' && Number.isFinite(lat) && (lat < -90 || lat > 90)) {
      const hint = projectedHint(lat);
      this.add('lat_range', `${path}[1]`, `${path} 的纬度 ${lat} 超出 [-90, 90]${hint.zh}`, `${path}: latitude ${lat} is outside [-90, 90]${hint.en}`);
    }
  }

  positions(ps: unknown, path: string, min: number, what: Bilingual): boolean {
    if (!Array.isArray(ps)) {
      this.add('not_array', path, `${path} 应为坐标数组,实际是 ${show(ps)}`, `${path} should be an array of positions, got ${show(ps)}`);
      return false;
    }
    if (ps.length < min) {
      this.add('too_few_positions', path, `${what.zh}至少需要 ${min} 个点,只有 ${ps.length} 个(${path})`, `${what.en} needs at least ${min} positions, has ${ps.length} (${path})`);
    }
    ps.forEach((p: unknown, i: number) => {
      if (!this.full) this.position(p, `${path}[${i}]`);
    });
    return true;
  }

  ring(ps: unknown, path: string): void {
    if (!this.positions(ps, path, 4, { zh: '面的边界环', en: 'A polygon ring' })) return;
    const ring = ps as unknown[];
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (ring.length >= 2 && Array.isArray(first) && Array.isArray(last) && (first[0] !== last[0] || first[1] !== last[1])) {
      this.add('ring_not_closed', path, `面的边界环没有闭合(首尾点不同,${path})`, `A polygon ring is not closed: first and last positions differ (${path})`);
    }
  }

  list(value: unknown, path: string, each: (v: unknown, p: string) => void): void {
    if (!Array.isArray(value)) {
      this.add('not_array', path, `${path} 应为数组,实际是 ${show(value)}`, `${path} should be an array, got ${show(value)}`);
      return;
    }
    if (value.length === 0) this.add('empty', path, `${path} 是空的,没有任何坐标`, `${path} is empty: no coordinates at all`);
    value.forEach((v: unknown, i: number) => {
      if (!this.full) each(v, `${path}[${i}]`);
    });
  }

  geometry(g: unknown, path: string): void {
    if (typeof g !== 'object' || g === null || Array.isArray(g)) {
      this.add('not_object', path, `几何应为对象,实际是 ${show(g)}`, `geometry should be an object, got ${show(g)}`);
      return;
    }
    const { type, coordinates, geometries } = g as { type?: unknown; coordinates?: unknown; geometries?: unknown };
    if (typeof type !== 'string' || !SUPPORTED.includes(type)) {
      this.add('unsupported_type', `${path}.type`, `不支持的几何类型:${show(type)}`, `unsupported geometry type: ${show(type)}`);
      return;
    }
    const c = `${path}.coordinates`;
    if (type !== 'GeometryCollection' && coordinates === undefined) {
      this.add('empty', c, `缺少坐标(${c})`, `coordinates are missing (${c})`);
      return;
    }
    switch (type) {
      case 'Point':
        this.position(coordinates, c);
        break;
      case 'MultiPoint':
        this.list(coordinates, c, (p, at) => this.position(p, at));
        break;
      case 'LineString':
        this.positions(coordinates, c, 2, { zh: '线', en: 'A line' });
        break;
      case 'MultiLineString':
        this.list(coordinates, c, (l, at) => this.positions(l, at, 2, { zh: '线', en: 'A line' }));
        break;
      case 'Polygon':
        this.list(coordinates, c, (r, at) => this.ring(r, at));
        break;
      case 'MultiPolygon':
        this.list(coordinates, c, (poly, at) => this.list(poly, at, (r, rat) => this.ring(r, rat)));
        break;
      case 'GeometryCollection':
        this.list(geometries, `${path}.geometries`, (child, at) => this.geometry(child, at));
        break;
    }
  }
}

/** Everything wrong with `geometry` (at most MAX_GEOMETRY_PROBLEMS); an empty list means valid. */
export function validateGeometry(geometry: unknown, path = 'geometry', options: { ranges?: boolean } = {}): GeometryProblem[] {
  const checker = new Checker(options.ranges ?? true);
  checker.geometry(geometry, path);
  return checker.problems;
}

/** True when validateGeometry finds nothing wrong. */
export function isValidGeometry(geometry: unknown): boolean {
  return validateGeometry(geometry).length === 0;
}
