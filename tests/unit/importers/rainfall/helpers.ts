import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../../shared/contract/errors';
import { FIXTURE_DIR, KNOWN_STATIONS, SEASON } from '../../../fixtures/rainfall/build';

/** The options every rainfall test starts from. */
export const OPTIONS = { ...SEASON, knownStations: KNOWN_STATIONS };

/** A committed fixture's bytes, as the app would read them from disk. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURE_DIR, name)));
}

/** The AppError a promise rejects with, failing the test if it resolves or throws something else. */
export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the parse to throw an AppError');
}
