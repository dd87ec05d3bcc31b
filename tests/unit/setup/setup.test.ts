import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testTiandituKey } from '../../../electron/core/services/setup/tianditu';
import { AppError } from '../../../shared/contract/errors';
import type { Division, TownshipDetail } from '../../../shared/contract/setup';
import { tempCore } from '../../helpers/tempDir';

const fixedNow = () => new Date('2026-05-20T02:00:00Z');
const SHUANGHE = {
  townshipCode: '220322204',
  townshipName: '双河乡',
  seasonStart: '2026-06-01',
  issuingOffice: '双河乡防汛抗旱指挥部办公室',
  basemap: { kind: 'none' as const, tiandituKey: '', offlineFile: '' },
};

describe('first-run setup', () => {
  it('opens on an empty folder and finds 梨树县 双河乡 by typing, with its 13 villages', async () => {
    const core = await tempCore({ now: fixedNow });
    expect(await core.dispatch('setup.status', {})).toMatchObject({ ok: true, value: { state: 'pending', needed: true, checklist: { network: 0, teams: 0 } } });
    const found = await core.dispatch('setup.searchTownships', { query: '梨树 双河' });
    expect(found).toMatchObject({ ok: true, value: { total: 1, matches: [{ code: '220322204', name: '双河乡', path: ['吉林省', '四平市', '梨树县'] }] } });
    const several = await core.dispatch('setup.searchTownships', { query: '双河乡' });
    expect(several.ok && (several.value as { total: number }).total).toBeGreaterThan(1);
    const detail = await core.dispatch('setup.township', { code: '220322204' });
    const villages = detail.ok ? (detail.value as TownshipDetail).villages : [];
    expect(villages).toHaveLength(13);
    expect(villages).toContain('三合堡村');
    const counties = await core.dispatch('setup.divisions', { parent: '2203' });
    expect(counties.ok && (counties.value as Division[]).map((d) => d.name)).toContain('梨树县');
    core.close();
  });

  it('saves township, code, villages, season and office together, and the setup no longer opens', async () => {
    const core = await tempCore({ now: fixedNow });
    const detail = await core.dispatch('setup.township', { code: '220322204' });
    if (!detail.ok) throw new Error('no township');
    const saved = await core.dispatch('setup.apply', { ...SHUANGHE, villages: (detail.value as TownshipDetail).villages });
    expect(saved).toMatchObject({ ok: true, value: { townshipName: '双河乡', townshipCode: '220322204', setupState: 'done', seasonStart: '2026-06-01' } });
    const options = await core.dispatch('deployments.options', {});
    expect(options.ok && (options.value as { villages: string[] }).villages).toContain('三合堡村');
    expect(await core.dispatch('setup.status', {})).toMatchObject({ ok: true, value: { state: 'done', needed: false } });
    core.close();
  });

  it('refuses an unknown township code or a bad village and writes nothing at all', async () => {
    const core = await tempCore({ now: fixedNow });
    const unknown = await core.dispatch('setup.apply', { ...SHUANGHE, townshipCode: '999999999', villages: ['三合堡村'] });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    if (!unknown.ok) expect(unknown.error.message).toContain('999999999');
    const badVillage = await core.dispatch('setup.apply', { ...SHUANGHE, villages: ['三合堡村', '  '] });
    expect(badVillage).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await core.dispatch('settings.get', {})).toMatchObject({ ok: true, value: { townshipName: '未命名乡镇', townshipCode: '' } });
    expect(await core.dispatch('deployments.options', {})).toMatchObject({ ok: true, value: { villages: [] } });
    expect(await core.dispatch('settings.history', {})).toEqual({ ok: true, value: [] });
    core.close();
  });

  it('can be skipped, and stays reachable (skipping is remembered, not applied twice)', async () => {
    const core = await tempCore({ now: fixedNow });
    expect(await core.dispatch('setup.skip', {})).toMatchObject({ ok: true, value: { state: 'skipped', needed: false } });
    expect(await core.dispatch('setup.skip', {})).toMatchObject({ ok: true, value: { state: 'skipped' } });
    const again = await core.dispatch('setup.apply', { ...SHUANGHE, villages: [] });
    expect(again).toMatchObject({ ok: true, value: { setupState: 'done' } });
    core.close();
  });

  // Two CLI processes (tsx): seconds apiece on a busy CI machine.
  it('the CLI gives the same settings as the setup page', { timeout: 60_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'draindesk-setup-cli-'));
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/core/cli/main.ts', 'setup', '--data', dir, '--township-code', '220322204', '--season-start', '2026-06-01', '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ ...SHUANGHE, basemap: SHUANGHE.basemap, setupState: 'done', path: ['吉林省', '四平市', '梨树县'] });
    expect(out.villages).toHaveLength(13);
    const ambiguous = spawnSync(process.execPath, ['--import', 'tsx', 'electron/core/cli/main.ts', 'setup', '--data', dir, '--township', '双河乡'], { encoding: 'utf8' });
    expect(ambiguous.status).not.toBe(0);
    expect(ambiguous.stderr).toContain('吉林省 四平市 梨树县 双河乡  220322204');
    expect(ambiguous.stderr).toContain('--township-code');
  });
});

describe('trying a Tianditu key', () => {
  const answer = (status: number, type: string, body = '') => (async () => new Response(body, { status, headers: { 'content-type': type } })) as unknown as typeof fetch;

  it('accepts a key Tianditu answers with a tile', async () => {
    await expect(testTiandituKey('abc123', answer(200, 'image/png', 'png'))).resolves.toEqual({ ok: true });
  });

  it('says the key was refused, or that the PC is offline, in words the office can act on', async () => {
    const refused = await testTiandituKey('abc123', answer(403, 'application/json', '{"msg":"权限类型错误"}')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('invalid_input');
    expect((refused as AppError).messageZh).toContain('天地图拒绝了这个密钥');
    const offline = await testTiandituKey('abc123', (async () => { throw new TypeError('fetch failed'); }) as unknown as typeof fetch).catch((e: unknown) => e);
    expect((offline as AppError).code).toBe('unavailable');
    expect((offline as AppError).messageZh).toContain('没有联网');
  });
});
