// A fresh process for bench/sheet.ts's "first sheet of a process": the core opened as browser mode
// opens it (the headless renderer started before the core opens and warmed once it is up; it says `warm <ms>` when the
// warm-up is done), then one sheets.renderPdf when the parent asks, timed from the request to the
// PDF bytes. Not a bench of its own.
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { createHeadlessSheetRenderer } from '../electron/core/sheets/headless';

const [dataDir, date, now] = process.argv.slice(2) as [string, string, string];
const sheetRenderer = createHeadlessSheetRenderer();
sheetRenderer.prepare(); // as serve.ts: Chromium starts before the core's modules load and while the core opens
const [{ openCore }, { warmSheetPrinting }] = await Promise.all([import('../electron/core/app'), import('../electron/core/services/sheets/warm')]);
const core = await openCore({ dataDir, transport: 'http', now: () => new Date(now), sheetRenderer });
const started = performance.now();
setImmediate(() => void warmSheetPrinting(core.ctx).then(() => console.log(`warm ${performance.now() - started}`)));
console.log('up');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line !== 'sheet') continue;
  const t0 = performance.now();
  const r = await core.dispatch('sheets.renderPdf', { date });
  const ms = performance.now() - t0;
  console.log(JSON.stringify(r.ok ? { ms, bytes: Buffer.from((r.value as { contentBase64: string }).contentBase64, 'base64').length } : { error: r.error.message }));
  break;
}
lines.close();
await sheetRenderer.close();
core.close();
