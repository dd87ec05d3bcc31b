import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../../electron/core/demo/constants';
import type { DeploymentDay } from '../../shared/contract/deployments';
import type { SheetRecord } from '../../shared/contract/sheets';
import { ARTIFACTS, deskPage, chromiumForFile, serve, type Served } from './harness';

// The CLI uses the renderer built before the e2e run (`vite build`), not a fresh build of its own.
const env = { ...process.env, DRAINDESK_RENDERER_DIR: join(process.cwd(), 'dist/renderer') };

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/core/cli/main.ts', ...args], { encoding: 'utf8', env, timeout: 120_000 });
  if (r.status !== 0) throw new Error(`cli ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

function demoFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'draindesk-e2e-sheet-'));
  cli('demo', '--data', dir);
  return dir;
}

/** pdftotext's words with every space and line break taken out, so a wrapped line still matches. */
const squeeze = (s: string) => s.replace(/\s+/g, '');

async function api<T>(server: Served, procedure: string, input: unknown): Promise<T> {
  const res = await fetch(`${server.url}api/${procedure}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
  const body = (await res.json()) as T;
  if (!res.ok) throw new Error(`${procedure}: ${JSON.stringify(body)}`);
  return body;
}

const browser = chromiumForFile();

describe('the daily dispatch sheet', () => {
  it('renders the demo township\'s sheet for its "today" through the CLI: right figures, CJK font embedded, A4', async () => {
    const dir = demoFolder();
    const pdf = join(dir, 'sheet.pdf');
    const out = cli('sheet', '--data', dir, '--date', DEMO.today, '--out', pdf, '--xlsx', join(dir, 'sheet.xlsx'));
    expect(out).toContain('样稿');

    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-']).toString();
    const flat = squeeze(text);
    expect(text).toContain('三合乡（示例）防汛排涝调度日报');
    for (const s of ['第1期', '一、雨情', '二、投入力量', '三、工程进展', '四、堵点情况', '五、明日安排', '签发：', '审核：', '制表：']) expect(flat).toContain(squeeze(s));
    for (const figure of ['390.2 mm', '214.3 mm', '82.1%', '700 人', '45 台', '7 台', '31 台', '196 台', '260 节', '520 m', '36,500 m', '210,000 m', '105 万m³']) {
      expect(flat, figure).toContain(squeeze(figure));
    }
    expect(flat).toMatch(/第1页共\d页/);

    const fonts = execFileSync('pdffonts', [pdf]).toString();
    expect(fonts).toMatch(/NotoSans\S*SC\S*\s+CID TrueType\s+Identity-H\s+yes/);
    const info = execFileSync('pdfinfo', [pdf]).toString();
    expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThanOrEqual(2);
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '2', pdf, join(ARTIFACTS, 'sheet-cli')]);

    // Issuing through the CLI freezes it; a later --out gives the issued original byte for byte.
    const issued = JSON.parse(cli('sheet', '--data', dir, '--date', DEMO.today, '--issue', '--out', join(dir, 'issued.pdf'), '--json')) as { issued: SheetRecord };
    expect(issued.issued).toMatchObject({ number: 1, correction: 0 });
    const again = join(dir, 'again.pdf');
    cli('sheet', '--data', dir, '--date', DEMO.today, '--out', again);
    expect(createHash('sha256').update(readFileSync(again)).digest('hex')).toBe(issued.issued.pdfSha256);
    expect(squeeze(execFileSync('pdftotext', ['-enc', 'UTF-8', again, '-']).toString())).not.toContain('样稿');
  });

  it('is previewed, issued, reopened after the data change, corrected and printed from the sheet page', async () => {
    const dir = demoFolder();
    const server = await serve(['--data', dir]);
    const { page, errors, context } = await deskPage(browser());
    try {
      await page.goto(`${server.url}#/sheet`);
      const preview = page.getByTestId('sheet-preview');
      await expect.poll(() => preview.getAttribute('data-ready'), { timeout: 60_000 }).toBe('true');
      expect(await page.getByTestId('sheet-status').textContent()).toContain('第 1 期');
      expect(await page.getByTestId('sheet-force').textContent()).toContain('700 人');
      expect(await page.getByTestId('sheet-issue-label').textContent()).toBe('第1期');
      await page.getByTestId('sheet-draft-stamp').waitFor();

      // 明日安排: text, one planned row (from the keyboard), the signature names.
      await page.getByTestId('plan-text').fill('一、继续抽排永安村低洼地块积水。\n二、长臂钩机优先疏通五干东5支沟。');
      await page.getByTestId('plan-add-row').click();
      await page.getByLabel('村/作业点 1', { exact: true }).fill('永安村');
      await page.getByLabel('任务 1', { exact: true }).selectOption('clear');
      await page.getByLabel('人员 1', { exact: true }).fill('80');
      await page.getByLabel('长臂钩机 1', { exact: true }).fill('3');
      await page.getByTestId('sign-issuer').fill('王书记');
      await page.getByTestId('sign-preparer').fill('张干事');
      // A bad count is answered by the core with the row and field; nothing is saved.
      await page.getByLabel('水泵 1', { exact: true }).fill('-2');
      await page.getByTestId('sheet-save').click();
      await page.getByTestId('error-banner').getByText('planRows[0].pumps').waitFor();
      await page.getByLabel('水泵 1', { exact: true }).fill('12');
      await page.keyboard.press('Control+s');
      await expect.poll(() => page.getByTestId('sheet-save').textContent()).toBe('已保存');
      await expect.poll(() => page.getByTestId('sheet-plan').textContent()).toContain('长臂钩机优先疏通五干东5支沟');
      await expect.poll(() => preview.getAttribute('data-ready'), { timeout: 60_000 }).toBe('true');
      expect(await page.getByTestId('sheet-plan-table').textContent()).toContain('永安村');
      await page.screenshot({ path: join(ARTIFACTS, 'sheet-page.png') });

      // 签发: the core renders the PDF with the same headless print view, and archives it.
      await page.getByTestId('sheet-issue').click();
      await page.getByTestId('issue-confirm').click();
      await page.getByTestId('sheet-notice').getByText('已签发第 1 期').waitFor({ timeout: 90_000 });
      expect(await page.getByTestId('sheet-status').textContent()).toContain('已签发第 1 期');
      await expect.poll(() => page.getByTestId('archive-row').count()).toBe(1);
      const [record] = (await api<{ records: SheetRecord[] }>(server, 'sheets.list', {})).records;
      expect(record).toMatchObject({ number: 1, correction: 0, signatures: { issuer: '王书记', preparer: '张干事' } });

      // The archived PDF downloads exactly as stored.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sheet-pdf').click()]);
      expect(download.suggestedFilename()).toBe(`${DEMO.townshipName}防汛排涝调度日报-第1期-${DEMO.today}.pdf`);
      expect(createHash('sha256').update(readFileSync((await download.path())!)).digest('hex')).toBe(record!.pdfSha256);
      const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sheet-xlsx').click()]);
      expect(xlsx.suggestedFilename()).toMatch(/第1期-2026-08-10\.xlsx$/);

      // The day's deployment changes afterwards: the draft follows, the issued sheet does not.
      const day = await api<DeploymentDay>(server, 'deployments.day', { date: DEMO.today });
      const rows = day.rows.map(({ id, placeKind, place, blockageId, task, people, excavators, longArmExcavators, dumpTrucks, pumps, hours }, i) => ({
        id, placeKind, place, blockageId, task, people: i === 0 ? people + 50 : people, excavators, longArmExcavators, dumpTrucks, pumps, hours,
      }));
      await api(server, 'deployments.saveDay', { date: DEMO.today, rows });
      await page.getByRole('button', { name: '回到当前样稿' }).click();
      await expect.poll(() => page.getByTestId('sheet-force').textContent(), { timeout: 60_000 }).toContain('750 人');
      await page.getByTestId('archive-row').getByRole('button', { name: '查看' }).click();
      await expect.poll(() => page.getByTestId('preview-label').textContent()).toContain('存档：第1期');
      await expect.poll(() => page.getByTestId('sheet-force').textContent(), { timeout: 60_000 }).toContain('700 人');
      expect(await page.getByTestId('sheet-document').getAttribute('data-state')).toBe('issued');

      // 更正重发: the correction keeps the number and the original stays in the archive.
      await page.getByTestId('sheet-correct').click();
      await page.getByTestId('correction-reason').fill('第一行人数漏报 50 人');
      await page.getByTestId('issue-confirm').click();
      await page.getByTestId('sheet-notice').getByText('已签发第 1 期').waitFor({ timeout: 90_000 });
      await expect.poll(() => page.getByTestId('archive-row').count()).toBe(2);
      await expect.poll(() => page.getByTestId('sheet-correction-note').textContent(), { timeout: 60_000 }).toContain('第一行人数漏报 50 人');
      expect(await page.getByTestId('sheet-issue-label').textContent()).toBe('第1期（更正）');
      expect(await page.getByTestId('sheet-archive').textContent()).toContain('已被更正');
      await expect.poll(() => preview.getAttribute('data-ready'), { timeout: 60_000 }).toBe('true');
      await page.screenshot({ path: join(ARTIFACTS, 'sheet-corrected.png') });
      // The correction's PDF was drawn in the server's warm print page: the new sheet, not the old one.
      const records = (await api<{ records: SheetRecord[] }>(server, 'sheets.list', {})).records;
      expect(records.map((r) => [r.number, r.correction, r.superseded])).toEqual([[1, 1, false], [1, 0, true]]);
      const fixedPdf = await api<{ contentBase64: string }>(server, 'sheets.pdf', { id: records[0]!.id });
      const fixedFile = join(dir, 'fixed.pdf');
      writeFileSync(fixedFile, Buffer.from(fixedPdf.contentBase64, 'base64'));
      const fixedText = squeeze(execFileSync('pdftotext', ['-enc', 'UTF-8', fixedFile, '-']).toString());
      for (const s of ['第1期（更正）', '更正说明', '第一行人数漏报50人', '750人', '王书记', '张干事', '长臂钩机优先疏通五干东5支沟']) expect(fixedText).toContain(s);
      expect(fixedText).not.toContain('样稿');

      // 打印 in a browser: the same print view in a new tab, which opens the browser()'s print once ready.
      await context.addInitScript(() => {
        (window as unknown as { __printed: number }).__printed = 0;
        window.print = () => void ((window as unknown as { __printed: number }).__printed += 1);
      });
      const [printTab] = await Promise.all([context.waitForEvent('page'), page.getByTestId('sheet-print').click()]);
      await printTab.waitForLoadState();
      expect(printTab.url()).toMatch(/print\.html\?id=[0-9a-f-]{36}&autoprint=1$/);
      await expect.poll(() => printTab.evaluate(() => (window as unknown as { __printed: number }).__printed), { timeout: 60_000 }).toBe(1);
      expect(await printTab.evaluate(() => document.documentElement.dataset.printState)).toBe('ready');
      expect(await printTab.evaluate(() => document.getElementById('sheet-page-rule')?.textContent)).toContain('counter(pages)');
      // The map of the day is on the printed page: the ditches drawn, a point per open blockage, the scale.
      const map = printTab.getByTestId('sheet-map-svg');
      expect(await map.getAttribute('data-map-state')).toBe('idle');
      expect(await map.locator('path[stroke="#1f78c8"]').count()).toBeGreaterThan(0);
      expect(await map.locator('circle[stroke-width="2"]').count()).toBe(Number(await printTab.evaluate(() => document.querySelectorAll('[data-testid=sheet-open-table] tbody tr').length)));
      expect(await map.locator('.sd-map-scale').textContent()).toMatch(/^\d+(\.\d+)?\s(k?m)$/);
      await printTab.close();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await server.stop();
    }
  });

  it('says what is wrong when the print view cannot draw a sheet', async () => {
    const dir = demoFolder();
    const server = await serve(['--data', dir]);
    const { page, context } = await deskPage(browser());
    try {
      await page.goto(`${server.url}print.html?date=2026-12-31`);
      await page.getByTestId('print-error').waitFor();
      expect(await page.evaluate(() => document.documentElement.dataset.printState)).toBe('error');
      expect(await page.getByTestId('print-error').textContent()).toContain('晚于今天');
      const r = await page.evaluate(() => (window as unknown as { draindeskPrint: { ready: Promise<unknown> } }).draindeskPrint.ready.then(() => 'ready', (e: Error) => e.message));
      expect(r).toContain('晚于今天');
    } finally {
      await context.close();
      await server.stop();
    }
  });
});
