import { describe, expect, it } from 'vitest';
import { ExactSum, exactSum } from '../../../../shared/calc/exactSum';
import { LaminarRanges } from '../../../../shared/calc/laminarRanges';
import { random } from '../../../helpers/random';

const SCALE = 2n ** 80n;

/** The correctly rounded sum, by BigInt: every test value is a multiple of 2^-80, so this is exact. */
function exactByBigInt(xs: readonly number[]): number {
  let total = 0n;
  for (const x of xs) total += BigInt(x * 2 ** 80);
  // Number(bigint) rounds half to even; dividing by a power of two is then exact.
  return Number(total) / Number(SCALE);
}

/** Doubles of very different sizes and signs, each a multiple of 2^-80 (so BigInt can hold them). */
function values(rnd: () => number, n: number): number[] {
  return Array.from({ length: n }, () => {
    const mantissa = Math.floor(rnd() * 2 ** 53);
    const exponent = Math.floor(rnd() * 100) - 80 - 52;
    return (rnd() < 0.3 ? -1 : 1) * mantissa * 2 ** Math.max(exponent, -80);
  });
}

describe('ExactSum', () => {
  it('is the correctly rounded sum whatever the order, where a plain sum is not', () => {
    const rnd = random(7);
    let plainDiffers = 0;
    for (let run = 0; run < 200; run++) {
      const xs = values(rnd, 1 + Math.floor(rnd() * 40));
      const want = exactByBigInt(xs);
      expect(exactSum(xs)).toBe(want);
      expect(exactSum([...xs].reverse())).toBe(want);
      if (xs.reduce((s, x) => s + x, 0) !== want) plainDiffers++;
    }
    // The test values are hard enough that left-to-right addition gets many of them wrong.
    expect(plainDiffers).toBeGreaterThan(20);
  });

  it('taking a term out again gives exactly the sum without it', () => {
    const rnd = random(8);
    for (let run = 0; run < 100; run++) {
      const xs = values(rnd, 30);
      const s = new ExactSum();
      for (const x of xs) s.add(x);
      const out = xs.splice(Math.floor(rnd() * xs.length), 1)[0]!;
      s.add(-out);
      expect(s.value()).toBe(exactByBigInt(xs));
    }
    const s = new ExactSum();
    s.add(0.1);
    s.add(-0.1);
    expect(Object.is(s.value(), 0)).toBe(true);
  });

  it('a sum of sums is the sum of all their terms', () => {
    const rnd = random(9);
    const xs = values(rnd, 50);
    const a = new ExactSum();
    const b = new ExactSum();
    xs.forEach((x, i) => (i % 2 === 0 ? a : b).add(x));
    a.addSum(b);
    expect(a.value()).toBe(exactByBigInt(xs));
  });
});

/** Random nested-or-apart ranges: the subtrees of a random tree's preorder. */
function laminar(rnd: () => number, n: number): { start: number; end: number }[] {
  const parent = Array.from({ length: n }, (_x, i) => (i === 0 ? -1 : Math.floor(rnd() * i)));
  const children: number[][] = parent.map(() => []);
  parent.forEach((p, i) => p !== -1 && children[p]!.push(i));
  const ranges: { start: number; end: number }[] = new Array(n);
  let position = 0;
  const visit = (v: number) => {
    const start = position++;
    for (const c of children[v]!) visit(c);
    ranges[v] = { start, end: position };
  };
  visit(0);
  return ranges;
}

describe('LaminarRanges', () => {
  it('finds the innermost range of each position and sums each range once per position', () => {
    const rnd = random(10);
    for (let run = 0; run < 30; run++) {
      const all = laminar(rnd, 60);
      // Some of the subtrees, some twice (two blockages on one ditch).
      const picked = all.filter(() => rnd() < 0.4);
      const ranges = new LaminarRanges([...picked, ...picked.filter(() => rnd() < 0.2)]);
      const distinct = [...new Map(picked.map((r) => [`${r.start}:${r.end}`, r])).values()];
      expect(ranges.count).toBe(distinct.length);
      const weight = Array.from({ length: 60 }, () => Math.floor(rnd() * 100));
      const totals = ranges.totals(
        () => ({ sum: 0 }),
        (t, p) => (t.sum += weight[p]!),
        (into, from) => (into.sum += from.sum),
      );
      for (const r of distinct) {
        const i = ranges.find(r.start, r.end);
        expect(i).not.toBe(-1);
        expect(totals[i]!.sum).toBe(weight.slice(r.start, r.end).reduce((s, w) => s + w, 0));
      }
      for (let p = 0; p < 60; p++) {
        const holding = distinct.filter((r) => r.start <= p && p < r.end).sort((a, b) => a.end - a.start - (b.end - b.start));
        const i = ranges.innermost(p);
        if (holding.length === 0) expect(i).toBe(-1);
        else expect([ranges.starts[i], ranges.ends[i]]).toEqual([holding[0]!.start, holding[0]!.end]);
        // Its parents are the other ranges holding p, smallest first.
        const chain: [number, number][] = [];
        for (let r = i; r !== -1; r = ranges.parent[r]!) chain.push([ranges.starts[r]!, ranges.ends[r]!]);
        expect(chain).toEqual(holding.map((r) => [r.start, r.end]));
      }
      expect(ranges.find(0, 61)).toBe(-1);
    }
  });
});
