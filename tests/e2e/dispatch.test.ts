import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, demoFolder, deskPage, chromiumForFile, mapIdle, serve } from './harness';

const SLOW = { timeout: 60_000, interval: 250 };
const browser = chromiumForFile();

/** The page's map, typed here because the tests compile for Node (no DOM types). */
interface BrowserGlobals {
  __draindeskMap: { queryRenderedFeatures(options: unknown): { properties: Record<string, unknown> }[] };
}

describe('调度建议 in browser() mode', () => {
  it('shows the plan with reasons and route lines, accepts it, and the list and the sheet show it', { timeout: 240_000 }, async () => {
    const server = await serve(['--data', await demoFolder()]);
    const { page, errors, context } = await deskPage(browser());
    try {
      // From the capacity page's "先疏通这些堵点" to the plan.
      await page.goto(`${server.url}#/capacity`);
      await page.getByTestId('open-dispatch').click();
      const rows = page.getByTestId('dispatch-row');
      await expect.poll(() => rows.count(), SLOW).toBeGreaterThan(0);
      expect(page.url()).toContain('#/blockages?tab=dispatch');
      expect(await page.getByRole('tab', { name: '调度建议' }).getAttribute('aria-selected')).toBe('true');
      const planned = await rows.count();

      // Every row says why, in Chinese first; what is left out is named.
      const reasons = await page.getByTestId('dispatch-reason').allTextContents();
      expect(reasons).toHaveLength(planned);
      for (const r of reasons) expect(r).toMatch(/作业队.*；可释放 .+m³；路程 \d+\.\d km 约 \d+ 分钟/);
      expect(await page.getByTestId('dispatch-summary').textContent()).toMatch(/方案：(HiGHS 求解器|贪心方案)/);
      expect(await page.getByTestId('dispatch-left-out').textContent()).toContain('留待下次安排');

      // The team select offers only teams whose machines fit; the map draws one line per team.
      const options = await page.getByTestId('dispatch-team-select').first().locator('option').allTextContents();
      expect(options.length).toBeGreaterThan(0);
      await mapIdle(page);
      const teams = await page.getByTestId('dispatch-team').count();
      await expect
        .poll(() => page.evaluate(() => (globalThis as unknown as BrowserGlobals).__draindeskMap.queryRenderedFeatures({ layers: ['dp-route'] }).length), SLOW)
        .toBeGreaterThanOrEqual(teams);
      const stops = await page.evaluate(() => (globalThis as unknown as BrowserGlobals).__draindeskMap.queryRenderedFeatures({ layers: ['dp-stop'] }).length);
      expect(stops).toBe(planned);
      await page.screenshot({ path: join(ARTIFACTS, 'dispatch.png') });

      // A longer working day (a setting, typed in the parameters panel) lets more work in.
      await page.getByTestId('dispatch-params').locator('summary').click();
      await page.getByRole('spinbutton', { name: '每日作业小时' }).fill('14');
      await page.getByTestId('dispatch-params-save').click();
      await expect.poll(() => page.getByTestId('dispatch-notice').textContent(), SLOW).toContain('调度参数已保存');
      await expect.poll(() => rows.count(), SLOW).toBeGreaterThan(planned);
      const more = await rows.count();

      // The same view in English.
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('tab', { name: 'Suggested dispatch' }).waitFor();
      expect(await page.getByTestId('dispatch-reason').first().textContent()).toMatch(/team.*; releases .+m³; \d+\.\d km, about \d+ min/);
      await page.screenshot({ path: join(ARTIFACTS, 'dispatch-en.png') });
      await page.getByRole('button', { name: '中文' }).click();
      await page.getByRole('tab', { name: '调度建议' }).waitFor();

      // Accept all: the blockages become 已派工 to the planned teams.
      const pairs = await page.getByTestId('dispatch-row').evaluateAll((trs) =>
        trs.map((tr) => ({ name: (tr.querySelector('.dp-name') as { textContent: string | null } | null)?.textContent ?? '', team: ((tr.querySelector('select') as unknown as { selectedOptions: { textContent: string }[] }).selectedOptions[0]?.textContent ?? '') })),
      );
      await page.getByTestId('dispatch-accept-all').click();
      await expect.poll(() => page.getByTestId('dispatch-notice').textContent(), SLOW).toContain(`已派工 ${more} 处`);

      await page.getByRole('tab', { name: '堵点列表' }).click();
      const table = page.getByTestId('blockage-table');
      await table.waitFor();
      for (const p of pairs) {
        const row = table.getByTestId('blockage-row').filter({ hasText: p.name });
        await expect.poll(() => row.first().getAttribute('data-status'), SLOW).toBe('assigned');
        expect(await row.first().textContent()).toContain(p.team);
      }
      await page.screenshot({ path: join(ARTIFACTS, 'dispatch-accepted-list.png') });

      // 明日安排 on the daily sheet: one row per team, naming it.
      await page.goto(`${server.url}#/sheet`);
      const plan = page.getByTestId('sheet-plan-table');
      await expect.poll(() => plan.textContent().catch(() => ''), SLOW).toContain('调度：');
      for (const p of pairs) expect(await plan.textContent()).toContain(`调度：${p.team}`);
      await page.screenshot({ path: join(ARTIFACTS, 'dispatch-sheet.png') });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await server.stop();
    }
  });
});
