/**
 * Collecting warnings so that 500 placemarks without geometry make one line, not 500: warnings
 * with the same key are merged, keeping a count and the first feature numbers.
 */
import type { Bilingual } from '../../../../shared/contract/errors';
import type { ImportWarning } from './types';

const MAX_LISTED = 50;

interface Entry {
  code: string;
  make: (count: number, features: number[]) => Bilingual;
  count: number;
  features: number[];
}

/** A bag of warnings that merges repeats. */
export class Warnings {
  private readonly entries = new Map<string, Entry>();

  /** Adds one occurrence; `key` groups repeats (defaults to `code`), `make` words the merged message. */
  add(code: string, make: (count: number, features: number[]) => Bilingual, feature?: number, key: string = code): void {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { code, make, count: 0, features: [] };
      this.entries.set(key, entry);
    }
    entry.count++;
    if (feature !== undefined && entry.features.length < MAX_LISTED) entry.features.push(feature);
  }

  /** Adds a one-off message. */
  note(code: string, message: Bilingual): void {
    this.add(code, () => message, undefined, `${code}:${message.en}`);
  }

  /** The merged list, in the order first seen. */
  list(): ImportWarning[] {
    return [...this.entries.values()].map((e) => {
      const w: ImportWarning = { code: e.code, message: e.make(e.count, e.features) };
      if (e.features.length > 0) w.features = e.features;
      return w;
    });
  }
}

/** "第 2、5、9 个" / "#2, 5, 9" (with "…" past a few), for messages about several features. */
export function featureList(features: readonly number[], shown = 5): Bilingual {
  const head = features.slice(0, shown);
  const more = features.length > shown ? '…' : '';
  return { zh: `${head.join('、')}${more}`, en: `${head.join(', ')}${more}` };
}
