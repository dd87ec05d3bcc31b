import type { Division, DivisionLevel, TownshipDetail, TownshipMatch } from '../../../../shared/contract/setup';

interface Entry {
  code: string;
  name: string;
  villages: string[] | null;
}

const LEVEL_BY_LENGTH: Record<number, DivisionLevel> = { 2: 'province', 4: 'city', 6: 'county', 9: 'township' };
const PARENT_LENGTH: Record<number, number> = { 4: 2, 6: 4, 9: 6 };

/**
 * The national division list (resources/divisions, built by scripts/build-divisions.mjs): look
 * divisions up by code, list the children of one, and find townships by name.
 */
export class DivisionIndex {
  private readonly byCode = new Map<string, Entry>();
  private readonly children = new Map<string, Entry[]>();
  private readonly townships: Entry[] = [];

  /** Parse the extract's text: `<code>\t<name>` lines, townships with `\t<village>|<village>…`. */
  constructor(text: string) {
    for (const line of text.split('\n')) {
      if (!line) continue;
      const [code, name, villages] = line.split('\t') as [string, string, string | undefined];
      const entry: Entry = { code, name, villages: code.length === 9 ? (villages ? villages.split('|') : []) : null };
      this.byCode.set(code, entry);
      const parent = code.length === 2 ? '' : code.slice(0, PARENT_LENGTH[code.length]);
      if (!this.children.has(parent)) this.children.set(parent, []);
      this.children.get(parent)!.push(entry);
      if (code.length === 9) this.townships.push(entry);
    }
  }

  /** The divisions directly under a code ('' for the provinces), in code order. */
  childrenOf(parent: string): Division[] {
    return (this.children.get(parent) ?? []).map((e) => ({ code: e.code, name: e.name, level: LEVEL_BY_LENGTH[e.code.length]! }));
  }

  /** Province, city and county names above a township (a city called 市辖区 is left out: it says nothing). */
  private pathOf(code: string): string[] {
    return [2, 4, 6]
      .map((n) => this.byCode.get(code.slice(0, n))?.name)
      .filter((n): n is string => Boolean(n) && n !== '市辖区' && n !== '县');
  }

  township(code: string): TownshipDetail | null {
    const e = this.byCode.get(code);
    if (!e || !e.villages) return null;
    return { code, name: e.name, path: this.pathOf(code), villages: [...e.villages] };
  }

  /**
   * Townships matching every word of the query: the last word must be in the township's name, the
   * others in the names above it ("梨树 双河", "四平 梨树县 双河乡"); digits match codes. Exact names
   * first, then names that start with the word.
   */
  search(query: string, limit: number): { matches: TownshipMatch[]; total: number } {
    const words = query.split(/[\s,，、/]+/).filter(Boolean);
    if (words.length === 0) return { matches: [], total: 0 };
    const last = words[words.length - 1]!;
    const above = words.slice(0, -1);
    const hits: { e: Entry; rank: number; path: string[] }[] = [];
    for (const e of this.townships) {
      const byCode = /^\d+$/.test(last) && e.code.startsWith(last);
      if (!byCode && !e.name.includes(last)) continue;
      const path = this.pathOf(e.code);
      if (!above.every((w) => path.some((p) => p.includes(w)))) continue;
      hits.push({ e, path, rank: e.name === last || byCode ? 0 : e.name.startsWith(last) ? 1 : 2 });
    }
    hits.sort((a, b) => a.rank - b.rank || a.e.code.localeCompare(b.e.code));
    return { matches: hits.slice(0, limit).map((h) => ({ code: h.e.code, name: h.e.name, path: h.path })), total: hits.length };
  }
}
