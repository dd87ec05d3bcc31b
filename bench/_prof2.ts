import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openCore } from '../electron/core/app';
import { seedDemo } from '../electron/core/demo';
import { DEMO } from '../electron/core/demo/constants';
import { launchPrintBrowser } from '../electron/core/sheets/browser';
import { PRINT_CONTEXT, PRINT_ORIGIN, routeRendererFiles, SHEET_PDF_OPTIONS, waitForPrintReady } from '../electron/core/sheets/headless';
import { printRendererDir } from '../electron/core/sheets/rendererDir';
import { draftData } from '../electron/core/services/sheets/archive';
const dir = mkdtempSync(join(tmpdir(), 'prof-'));
const core = await openCore({ dataDir: dir, transport: 'test', now: () => new Date(`${DEMO.today}T20:00:00+08:00`) });
seedDemo(core);
const ctx = core.ctx;
let t = performance.now();
const lap = (n: string) => { const x = performance.now(); console.log(n, (x - t).toFixed(0)); t = x; };
const b = await launchPrintBrowser(); lap('launch');
const c = await b.newContext(PRINT_CONTEXT); const p = await c.newPage(); await routeRendererFiles(p, printRendererDir());
await p.goto(`${PRINT_ORIGIN}/print.html?inline=1`); lap('goto');
const mode = process.argv[2];
for (let i = 0; i < 4; i++) {
  const data = draftData(ctx, DEMO.today); lap('data');
  const json = JSON.stringify(data);
  await p.evaluate((j) => void (globalThis as any).draindeskPrint.show(JSON.parse(j)), json); lap('show');
  await waitForPrintReady(p); lap('ready');
  if (mode === 'img') { await p.evaluate(() => { const c = document.querySelector('canvas')!; const img = document.createElement('img'); img.src = c.toDataURL('image/png'); img.id='snap'; img.style.cssText = c.style.cssText; c.style.display='none'; c.after(img); return img.decode(); }); lap('snap'); }
  if (mode === 'c2d') { await p.evaluate(() => { const c = document.querySelector('canvas')!; const k = document.createElement('canvas'); k.width=c.width; k.height=c.height; k.id='snap'; k.style.cssText=c.style.cssText; k.getContext('2d')!.drawImage(c,0,0); c.style.display='none'; c.after(k); }); lap('snap'); }
  if (mode === 'bmp') { await p.evaluate(async () => { const c = document.querySelector('canvas')!; const blob = await new Promise<Blob>((r)=>c.toBlob((b)=>r(b!),'image/jpeg',0.95)); const img = document.createElement('img'); img.src=URL.createObjectURL(blob); img.id='snap'; img.style.cssText=c.style.cssText; c.style.display='none'; c.after(img); await img.decode(); }); lap('snap'); }
  if (mode === 'rp') { console.log(await p.evaluate(() => { const c = document.querySelector('canvas')!; const gl = (c.getContext('webgl2') ?? c.getContext('webgl'))!; const t0=performance.now(); const buf = new Uint8Array(c.width*c.height*4); gl.readPixels(0,0,c.width,c.height,gl.RGBA,gl.UNSIGNED_BYTE,buf); const t1=performance.now(); const k=document.createElement('canvas'); k.width=c.width;k.height=c.height; const x=k.getContext('2d')!; const id=new ImageData(new Uint8ClampedArray(buf.buffer), c.width, c.height); x.putImageData(id,0,0); const t2=performance.now(); return [c.width,c.height,t1-t0,t2-t1]; })); lap('rp'); }
  if (mode === 'hide') { await p.evaluate(() => { document.querySelector('canvas')!.style.display='none'; }); }
  await p.pdf(SHEET_PDF_OPTIONS); lap('pdf');
  if (mode !== 'hide' && mode) await p.evaluate(() => { document.getElementById('snap')!.remove(); document.querySelector('canvas')!.style.display=''; });
  if (mode === 'hide') await p.evaluate(() => { document.querySelector('canvas')!.style.display=''; });
}
await b.close(); core.close();
