/**
 * Argument checks for the calculations. Callers are expected to validate input at the boundary
 * (zod, validate.ts); these only stop a bad number from turning silently into a wrong answer.
 */

/** Throws RangeError unless value is a finite number within [min, max]. */
export function requireNumber(name: string, value: number, min = -Infinity, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a finite number, got ${String(value)}`);
  }
  if (value < min || value > max) {
    throw new RangeError(`${name} must be within [${min}, ${max}], got ${value}`);
  }
  return value;
}

/** Throws RangeError unless value is a finite number > 0. */
export function requirePositive(name: string, value: number): number {
  requireNumber(name, value);
  if (value <= 0) throw new RangeError(`${name} must be greater than 0, got ${value}`);
  return value;
}
