import { describe, expect, it } from 'vitest';
import { counts, deskCore, fails, ok, row } from './helpers';

const DAY = '2026-07-19';

describe('deployments: bad input is refused with a clear message and nothing is written', () => {
  it.each([
    ['a negative count', { people: -3 }, '人数不能是负数', 'people must not be negative'],
    ['a fraction of a person', { people: 2.5 }, '人数应为 0 到 20000 之间的整数', 'people must be a whole number'],
    ['a count that is not a number', { excavators: '三' }, '钩机台数应为 0 到 5000 之间的整数', 'excavators must be a whole number'],
    ['a number typed as text', { pumps: '12' }, '水泵台数应为', 'pumps must be a whole number'],
    ['a slip of the keyboard', { dumpTrucks: 31000 }, '翻斗车台数应为 0 到 5000 之间的整数', 'dump trucks must be'],
    ['more than 24 hours', { hours: 30 }, '作业时长一天不超过 24 小时', 'hours are at most 24'],
    ['negative metres', { clearedDitchMeters: -5 }, '清淤沟渠长度不能是负数', 'ditch cleared must not be negative'],
    ['an unknown task', { task: 'swim' }, '任务应为 抽、疏、挖、清、铺、巡 之一', 'task must be one of'],
  ])('%s', async (_name, bad, zh, en) => {
    const core = await deskCore();
    const before = counts(core);
    const error = await fails(core, 'deployments.saveDay', { date: DAY, rows: [row(), row(bad as never)] });
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain(zh);
    expect(error.messageEn).toContain(en);
    // The field path names the second row, so the grid can mark the cell.
    expect(JSON.stringify(error.details)).toContain('rows[1].');
    expect(counts(core)).toEqual(before);
  });

  it('refuses a day before the season and a day in the future', async () => {
    const core = await deskCore();
    const early = await fails(core, 'deployments.saveDay', { date: '2026-05-31', rows: [row()] });
    expect(early.message).toContain('早于汛期起始日期 2026-06-01');
    const future = await fails(core, 'deployments.saveDay', { date: '2026-07-21', rows: [row()] });
    expect(future.message).toContain('晚于今天（2026-07-20）');
    expect(future.messageEn).toContain('future days cannot be entered');
    const impossible = await fails(core, 'deployments.saveDay', { date: '2026-06-31', rows: [row()] });
    expect(impossible.message).toContain('不是有效的日期');
    expect(counts(core).rows).toBe(0);
  });

  it('names an unknown village, a missing site name and an unknown blockage by row number, all at once', async () => {
    const core = await deskCore();
    const error = await fails(core, 'deployments.saveDay', {
      date: DAY,
      rows: [
        row(),
        row({ place: '兴隆材' }),
        row({ placeKind: 'site', place: '' }),
        row({ placeKind: 'blockage', place: '', blockageId: '00000000-0000-4000-8000-000000000001' }),
        row({ placeKind: 'village', blockageId: '00000000-0000-4000-8000-000000000001' }),
      ],
    });
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('4 处错误');
    expect(error.message).toContain('第 2 行：村庄“兴隆材”不在村庄列表中');
    expect(error.message).toContain('第 3 行：请填写工地名称');
    expect(error.message).toContain('第 4 行：堵点不存在或已删除');
    expect(error.message).toContain('第 5 行：只有地点类型为“堵点”时才能选择堵点');
    expect(error.messageEn).toContain('row 2: the village "兴隆材" is not in the village list');
    expect(counts(core)).toEqual({ rows: 0, changes: 0 });
  });

  it('accepts villages the network knows and a live blockage point', async () => {
    const core = await deskCore();
    const at = '2026-07-01T00:00:00.000Z';
    core.db
      .prepare(
        `INSERT INTO area (id, township_id, name, geometry, min_lon, min_lat, max_lon, max_lat, source, kind, area_m2, created_at, updated_at)
         VALUES ('a0000000-0000-4000-8000-000000000001', ?, '新发村', '{}', 0, 0, 1, 1, 'desk', 'village', 100, ?, ?)`,
      )
      .run(core.ctx.townshipId, at, at);
    const blockageId = 'b0000000-0000-4000-8000-000000000001';
    core.db
      .prepare(
        `INSERT INTO blockage (id, township_id, name, geometry, min_lon, min_lat, max_lon, max_lat, source, village, status, reported_at, created_at, updated_at)
         VALUES (?, ?, '三号支沟涵管口', '{}', 0, 0, 0, 0, 'desk', '太平村', 'reported', ?, ?, ?)`,
      )
      .run(blockageId, core.ctx.townshipId, at, at, at);
    const places = await ok(core, 'deployments.places', {});
    expect(places.villages).toEqual([...['兴隆村', '永安村', '太平村'], '新发村']);
    expect(places.blockages).toEqual([expect.objectContaining({ id: blockageId, label: '太平村 · 三号支沟涵管口', open: true })]);
    const saved = await ok(core, 'deployments.saveDay', {
      date: DAY,
      rows: [row({ place: '新发村' }), row({ placeKind: 'blockage', place: '', blockageId, task: 'clear', excavators: 2 })],
    });
    expect(saved.rows.map((r) => r.placeLabel)).toEqual(['新发村', '太平村 · 三号支沟涵管口']);
  });

  it('refuses a row id that belongs to another day', async () => {
    const core = await deskCore();
    const first = await ok(core, 'deployments.saveDay', { date: DAY, rows: [row()] });
    const error = await fails(core, 'deployments.saveDay', { date: '2026-07-18', rows: [row({ id: first.rows[0]!.id })] });
    expect(error.message).toContain('第 1 行已被删除或不属于 2026-07-18');
    expect((await ok(core, 'deployments.day', { date: '2026-07-18' })).rows).toEqual([]);
  });

  it('refuses a rated pump flow of zero', async () => {
    const core = await deskCore();
    const error = await fails(core, 'deployments.setOptions', { ratedPumpM3h: 0 });
    expect(error.message).toContain('水泵额定流量应大于 0');
  });
});
