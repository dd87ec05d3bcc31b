/** Shared bits of the network-importer tests: reading fixtures and catching import errors. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { AppError } from '../../../../shared/contract/errors';
import { parseNetworkFile, type ParseOptions } from '../../../../electron/core/importers/network/parse';
import type { ImportErrorDetails } from '../../../../electron/core/importers/network/errors';

/** Bytes of a file in tests/fixtures/network/. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../../fixtures/network/${name}`, import.meta.url)));
}

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Parses and expects an import_invalid AppError; returns it for message checks. */
export async function importError(fileName: string, bytes: Uint8Array, options?: ParseOptions): Promise<AppError & { details: ImportErrorDetails }> {
  let caught: unknown;
  try {
    await parseNetworkFile(fileName, bytes, options);
  } catch (error) {
    caught = error;
  }
  expect(caught, `${fileName} should have been refused`).toBeInstanceOf(AppError);
  const error = caught as AppError & { details: ImportErrorDetails };
  expect(error.code).toBe('import_invalid');
  // Every message names the file, in both languages.
  expect(error.messageZh).toContain(`“${fileName.split(' → ')[0]}`);
  expect(error.messageEn).toContain(`"${fileName.split(' → ')[0]}`);
  expect(error.details.fileName).toContain(fileName.split(' → ')[0]);
  return error;
}
