import { AppError, type Bilingual } from '../../../../shared/contract/errors';

/** Throw the one error a whole-file problem gets: the UI shows it instead of a row list. */
export function failImport(message: Bilingual, details?: unknown): never {
  throw new AppError('import_invalid', message, details);
}
