// npm run serve: build the UI when it is missing or older than its sources, then start browser mode.
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStale } from './lib/stale.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist/renderer/index.html');

const args = process.argv.slice(2);
if (!args.includes('--help')) {
  if (isStale(built, [join(root, 'renderer'), join(root, 'shared')])) {
    const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}
const r = spawnSync('npx', ['tsx', join(root, 'electron/core/host/serve.ts'), ...args], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
