// Bundle the Electron main process, the preload and the core's utility-process entry.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', sourcemap: true, logLevel: 'warning' };

await Promise.all([
  build({ ...common, entryPoints: ['electron/main/index.ts'], outfile: 'dist/electron/main.cjs', external: ['electron', 'better-sqlite3'] }),
  // Sandboxed preloads may require only 'electron': everything else is bundled in.
  build({ ...common, entryPoints: ['electron/preload/index.ts'], outfile: 'dist/electron/preload.cjs', external: ['electron'] }),
  build({ ...common, entryPoints: ['electron/core/host/utility.ts'], outfile: 'dist/electron/core.cjs', external: ['better-sqlite3'] }),
  // The import parse worker, beside core.cjs where networkParser.ts looks for it.
  build({ ...common, entryPoints: ['electron/core/importers/worker/parseWorker.ts'], outfile: 'dist/electron/parse-worker.cjs', external: ['better-sqlite3'] }),
]);
console.log('built dist/electron/{main,preload,core,parse-worker}.cjs');
