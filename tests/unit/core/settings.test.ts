import { describe, expect, it } from 'vitest';
import type { SettingsChange } from '../../../shared/contract/settings';
import { tempCore } from '../../helpers/tempDir';

const fixedNow = () => new Date('2026-07-20T02:00:00Z');

describe('settings through the dispatcher', () => {
  it('starts from defaults and persists a change across reopening the data folder', async () => {
    const core = await tempCore({ now: fixedNow });
    const initial = await core.dispatch('settings.get', {});
    expect(initial).toMatchObject({ ok: true, value: { seasonStart: '2026-06-01', locale: 'zh', townshipName: '未命名乡镇' } });
    const updated = await core.dispatch('settings.update', { townshipName: '三合乡', units: { volume: 'm3' } });
    expect(updated).toMatchObject({ ok: true, value: { townshipName: '三合乡', units: { volume: 'm3', length: 'm', area: 'mu' } } });
    const dir = core.ctx.dataDir;
    core.close();
    const { openCore } = await import('../../../electron/core/app');
    const again = await openCore({ dataDir: dir, transport: 'test' });
    expect(await again.dispatch('settings.get', {})).toMatchObject({ value: { townshipName: '三合乡', units: { volume: 'm3' } } });
    again.close();
  });

  it('rejects an unknown field or a wrong type with a bilingual message naming the field, and writes nothing', async () => {
    const core = await tempCore();
    const bad = await core.dispatch('settings.update', { townshipName: 42, colour: 'red' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.code).toBe('invalid_input');
    expect(bad.error.message).toContain('townshipName');
    expect(bad.error.message).toContain('colour');
    expect(bad.error.messageEn).toContain('Unrecognized key');
    const history = await core.dispatch('settings.history', {});
    expect(history).toEqual({ ok: true, value: [] });
  });

  it('rejects an impossible date and an empty township name', async () => {
    const core = await tempCore();
    const badDate = await core.dispatch('settings.update', { seasonStart: '2026-02-30' });
    expect(badDate).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const empty = await core.dispatch('settings.update', { townshipName: '   ' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!empty.ok) expect(empty.error.message).toContain('乡镇名称不能为空');
    const nothing = await core.dispatch('settings.update', {});
    expect(nothing).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('keeps a history row per changed setting and undoes the last save as a whole', async () => {
    const core = await tempCore();
    await core.dispatch('settings.update', { townshipName: '三合乡' });
    await core.dispatch('settings.update', { townshipName: '四合乡', seasonStart: '2026-05-15' });
    const history = await core.dispatch('settings.history', {});
    expect(history.ok && (history.value as SettingsChange[]).map((c) => [c.key, c.oldValue, c.newValue])).toEqual([
      ['seasonStart', '2026-06-01', '2026-05-15'],
      ['townshipName', '三合乡', '四合乡'],
      ['townshipName', '未命名乡镇', '三合乡'],
    ]);
    const undone = await core.dispatch('settings.undo', {});
    expect(undone).toMatchObject({ ok: true, value: { townshipName: '三合乡', seasonStart: '2026-06-01' } });
    const after = await core.dispatch('settings.history', {});
    expect(after.ok && after.value).toHaveLength(5);
  });

  it('answers an unknown procedure with unknown_procedure', async () => {
    const core = await tempCore();
    expect(await core.dispatch('settings.delete', {})).toMatchObject({ ok: false, error: { code: 'unknown_procedure' } });
    expect(await core.dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_procedure' } });
  });
});
