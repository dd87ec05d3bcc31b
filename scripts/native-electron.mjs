// Build better-sqlite3 for Electron's ABI into build/native/, beside (not over) the Node build in
// node_modules that tests and browser mode use. Needs the internet once, for Electron's headers.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, copyFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const outDir = join(root, 'build/native', `electron-v${electronVersion}-${process.platform}-${process.arch}`);
const out = join(outDir, 'better_sqlite3.node');

if (existsSync(out)) process.exit(0);
console.log(`Building better-sqlite3 for Electron ${electronVersion} → ${out}`);
const src = join(root, 'build/native/src/better-sqlite3');
rmSync(src, { recursive: true, force: true });
cpSync(join(root, 'node_modules/better-sqlite3'), src, { recursive: true, filter: (p) => !p.includes(`${'better-sqlite3'}/build`) });
const gyp = join(root, 'node_modules/.bin/node-gyp');
const r = spawnSync(gyp, ['rebuild', '--release', `--target=${electronVersion}`, `--arch=${process.arch}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'], { cwd: src, stdio: 'inherit', shell: process.platform === 'win32' });
if (r.status !== 0) {
  console.error('无法为 Electron 编译 better-sqlite3（需要联网下载 Electron 头文件）。\nCould not build better-sqlite3 for Electron (it needs the internet once for Electron headers).');
  process.exit(r.status ?? 1);
}
mkdirSync(outDir, { recursive: true });
copyFileSync(join(src, 'build/Release/better_sqlite3.node'), out);
console.log('done');
