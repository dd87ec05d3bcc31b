// npm run cli: run the CLI from one esbuild bundle (dist/cli/main.mjs), rebuilt only when a source
// is newer. Transpiling TypeScript at every start (tsx) took 1.5 s before `--help` could answer
// (issue 17); a bundle starts in a fraction of that.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isStale } from './lib/stale.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist/cli/main.mjs');

if (isStale(bundle, [join(root, 'electron/core'), join(root, 'shared'), join(root, 'package.json')])) {
  const { build } = await import('esbuild');
  await build({
    absWorkingDir: root,
    entryPoints: ['electron/core/cli/main.ts'],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The native module and the browser driver stay in node_modules, loaded as they are.
    external: ['better-sqlite3', 'playwright-core'],
    // CommonJS dependencies inside an ES module bundle still call require().
    banner: { js: "import { createRequire as __draindeskRequire } from 'node:module'; const require = __draindeskRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}
await import(pathToFileURL(bundle).href);
