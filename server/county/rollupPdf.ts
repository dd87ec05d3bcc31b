import { launchPrintBrowser } from '../../electron/core/sheets/browser';
import type { CountyReport } from '../../shared/contract/county';
import { ROLLUP_TITLE, rollupCells } from '../../shared/domain/countyRollup';

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const cell = (v: string | number | null) => (typeof v === 'number' ? v.toLocaleString('zh-CN', { maximumFractionDigits: 1 }) : (v ?? '—'));

/** The roll-up sheet as a print page: A4 landscape, one table, the county total last. */
export function rollupHtml(report: CountyReport, printedAt: Date): string {
  const { head, rows, total } = rollupCells(report);
  const tr = (cells: (string | number | null)[], cls = '') => `<tr class="${cls}">${cells.map((c) => `<td>${esc(cell(c))}</td>`).join('')}</tr>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${ROLLUP_TITLE}</title><style>
    @page { size: A4 landscape; margin: 12mm; }
    body { font-family: 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif; font-size: 9pt; color: #111; }
    h1 { font-size: 16pt; text-align: center; margin: 0 0 2mm; letter-spacing: 0.1em; }
    .meta { display: flex; justify-content: space-between; margin-bottom: 3mm; }
    table { width: 100%; border-collapse: collapse; }
    th, td { border: 0.3mm solid #333; padding: 1.2mm 1mm; text-align: right; }
    th { background: #eee; font-weight: 600; text-align: center; }
    td:first-child { text-align: left; white-space: nowrap; }
    tr.total td { font-weight: 700; background: #f4f4f4; }
    .foot { margin-top: 4mm; font-size: 8pt; color: #444; }
  </style></head><body>
    <h1>${ROLLUP_TITLE}</h1>
    <div class="meta"><span>日期：${esc(report.date)}</span><span>乡镇数：${report.townships.length}</span></div>
    <table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>
    <tbody>${rows.map((r) => tr(r)).join('')}${tr(total, 'total')}</tbody></table>
    <div class="foot">全县雨量为各乡镇平均；人员、机械、工程量与堵点为各乡镇之和。数据来自各乡镇同步到县服务器的记录。打印时间 ${esc(printedAt.toISOString().slice(0, 16).replace('T', ' '))} UTC</div>
  </body></html>`;
}

/** The roll-up sheet as an A4 PDF, printed by headless Chromium (the same browser the desk's sheet uses). */
export async function rollupPdf(report: CountyReport, now = new Date()): Promise<Buffer> {
  const browser = await launchPrintBrowser();
  try {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.setContent(rollupHtml(report, now), { waitUntil: 'load' });
    await page.evaluate('document.fonts.ready');
    return await page.pdf({ format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
