/**
 * Well-Known Text for the simple geometries, so a CSV cell can carry a line or a polygon.
 * Reads POINT … MULTIPOLYGON with optional Z/M/ZM, EMPTY and an EWKT `SRID=…;` prefix; writes 2D or 3D.
 */
import type { Position } from 'geojson';
import type { SimpleGeometry } from './geometry';

/** A WKT string that could not be read; `offset` is the character where reading stopped. */
export class WktError extends Error {
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.name = 'WktError';
    this.offset = offset;
  }
}

const TYPES: Record<string, SimpleGeometry['type']> = {
  POINT: 'Point',
  MULTIPOINT: 'MultiPoint',
  LINESTRING: 'LineString',
  MULTILINESTRING: 'MultiLineString',
  POLYGON: 'Polygon',
  MULTIPOLYGON: 'MultiPolygon',
};

class Reader {
  pos = 0;

  constructor(readonly text: string) {}

  fail(what: string): never {
    throw new WktError(`${what} at character ${this.pos + 1}`, this.pos);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] as string)) this.pos++;
  }

  peek(): string {
    this.skipSpace();
    return this.text[this.pos] ?? '';
  }

  expect(ch: string): void {
    if (this.peek() !== ch) this.fail(`expected "${ch}"`);
    this.pos++;
  }

  word(): string {
    this.skipSpace();
    const m = /^[A-Za-z]+/.exec(this.text.slice(this.pos));
    if (!m) this.fail('expected a keyword');
    this.pos += m[0].length;
    return m[0].toUpperCase();
  }

  number(): number {
    this.skipSpace();
    const m = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(this.text.slice(this.pos));
    if (!m) this.fail('expected a number');
    this.pos += m[0].length;
    return Number(m[0]);
  }

  position(): Position {
    const p: Position = [this.number(), this.number()];
    // Z and/or M follow as more numbers before the next comma or parenthesis.
    while (/[-+.\d]/.test(this.peek())) p.push(this.number());
    return p;
  }

  /** A parenthesised, comma-separated list of `item`. */
  list<T>(item: () => T): T[] {
    this.expect('(');
    const out = [item()];
    while (this.peek() === ',') {
      this.pos++;
      out.push(item());
    }
    this.expect(')');
    return out;
  }

  isEmpty(): boolean {
    this.skipSpace();
    if (/^EMPTY\b/i.test(this.text.slice(this.pos))) {
      this.pos += 5;
      return true;
    }
    return false;
  }
}

/** Parses WKT (or EWKT) into a GeoJSON geometry; throws WktError naming where it went wrong. */
export function wktToGeometry(text: string): SimpleGeometry {
  const r: Reader = new Reader(text.replace(/^\s*SRID=\d+\s*;/i, ''));
  // The dimension tag may be glued on (POINTZ) or separate (POINT Z).
  const tagged = /^([A-Z]+?)(ZM|Z|M)?$/.exec(r.word());
  const type = TYPES[tagged?.[1] ?? ''] ?? TYPES[tagged?.[0] ?? ''];
  if (!type) {
    r.pos = 0;
    r.fail('unknown geometry type (expected POINT, LINESTRING, POLYGON or MULTI…)');
  }
  r.skipSpace();
  const dim = /^(ZM|Z|M)(?![A-Za-z])/i.exec(r.text.slice(r.pos));
  if (dim) r.pos += dim[0].length;
  if (r.isEmpty()) r.fail('EMPTY geometry has no coordinates');
  const line = () => r.list(() => r.position());
  const poly = () => r.list(line);
  let geometry: SimpleGeometry;
  switch (type) {
    case 'Point': {
      const [p] = r.list(() => r.position());
      geometry = { type, coordinates: p as Position };
      break;
    }
    case 'MultiPoint':
      // Both MULTIPOINT ((1 2), (3 4)) and the older MULTIPOINT (1 2, 3 4) are in the wild.
      geometry = { type, coordinates: r.list(() => (r.peek() === '(' ? (r.list(() => r.position())[0] as Position) : r.position())) };
      break;
    case 'LineString':
      geometry = { type, coordinates: line() };
      break;
    case 'MultiLineString':
      geometry = { type, coordinates: r.list(line) };
      break;
    case 'Polygon':
      geometry = { type, coordinates: poly() };
      break;
    case 'MultiPolygon':
      geometry = { type, coordinates: r.list(poly) };
      break;
  }
  if (r.peek() !== '') r.fail('unexpected text after the geometry');
  return geometry;
}

/** Shortest text that reads back to the same double, so export → import is exact. */
function num(n: number): string {
  return String(n);
}

function pos(p: Position): string {
  return p.map(num).join(' ');
}

function line(ps: Position[]): string {
  return `(${ps.map(pos).join(', ')})`;
}

function polygon(rings: Position[][]): string {
  return `(${rings.map(line).join(', ')})`;
}

/** Writes a geometry as WKT, full precision; 'Z' is added when positions carry altitude. */
export function geometryToWkt(geometry: SimpleGeometry): string {
  let hasZ = false;
  const probe = (p: Position) => {
    if (p.length > 2) hasZ = true;
  };
  const g = geometry;
  if (g.type === 'Point') probe(g.coordinates);
  else if (g.type === 'MultiPoint' || g.type === 'LineString') g.coordinates.forEach(probe);
  else if (g.type === 'MultiLineString' || g.type === 'Polygon') g.coordinates.forEach((l) => l.forEach(probe));
  else g.coordinates.forEach((poly) => poly.forEach((l) => l.forEach(probe)));
  const tag = (name: string) => (hasZ ? `${name} Z ` : `${name} `);
  switch (g.type) {
    case 'Point':
      return `${tag('POINT')}(${pos(g.coordinates)})`;
    case 'MultiPoint':
      return `${tag('MULTIPOINT')}(${g.coordinates.map((p) => `(${pos(p)})`).join(', ')})`;
    case 'LineString':
      return `${tag('LINESTRING')}${line(g.coordinates)}`;
    case 'MultiLineString':
      return `${tag('MULTILINESTRING')}(${g.coordinates.map(line).join(', ')})`;
    case 'Polygon':
      return `${tag('POLYGON')}${polygon(g.coordinates)}`;
    case 'MultiPolygon':
      return `${tag('MULTIPOLYGON')}(${g.coordinates.map(polygon).join(', ')})`;
  }
}
