/** Bilingual wording of the network problems (network.ts), one builder per problem code. */
import type { Bilingual } from '../contract/errors';

export const networkMessages = {
  gap: (count: number): Bilingual => ({
    zh: `有 ${count} 段沟渠连不到任何河道（断头），不参与堵点排序`,
    en: `${count} ditch segment(s) do not connect to any river (a gap) and are left out of the ranking`,
  }),
  loop: (count: number): Bilingual => ({
    zh: `有 ${count} 段沟渠连成环路，水可两路流走；只有所有去路都经过堵点的沟段才算被截断`,
    en: `${count} ditch segment(s) form a loop where water can go two ways; a segment counts as cut off only if every way out passes the blockage`,
  }),
  stuck: (count: number): Bilingual => ({
    zh: `有 ${count} 段沟渠按推定流向流不到河道（端点重合或长度为 0），不参与堵点排序`,
    en: `${count} ditch segment(s) cannot reach a river along the inferred flow direction (coincident ends or zero length) and are left out of the ranking`,
  }),
  invalidSegment: (id: string, reason: Bilingual): Bilingual => ({
    zh: `沟段 ${id} 数据无效（${reason.zh}），未参与分析`,
    en: `ditch segment ${id} is invalid (${reason.en}) and was left out`,
  }),
  duplicateSegment: (id: string): Bilingual => ({
    zh: `沟段编号 ${id} 重复，只用了第一条`,
    en: `ditch segment id ${id} appears more than once; only the first was used`,
  }),
  unknownDitch: (blockageId: string, ditchId: string): Bilingual => ({
    zh: `堵点 ${blockageId} 所在沟渠 ${ditchId} 不存在`,
    en: `blockage ${blockageId} is on ditch ${ditchId}, which does not exist`,
  }),
  blockageOnInvalidSegment: (blockageId: string, segmentId: string): Bilingual => ({
    zh: `堵点 ${blockageId} 所在沟段 ${segmentId} 数据无效，无法评估影响`,
    en: `blockage ${blockageId} is on segment ${segmentId}, whose data are invalid, so its impact cannot be assessed`,
  }),
  blockageNoLocation: (blockageId: string): Bilingual => ({
    zh: `堵点 ${blockageId} 既没有所在沟渠也没有位置`,
    en: `blockage ${blockageId} has neither a ditch nor a position`,
  }),
  blockageOffNetwork: (blockageId: string, toleranceM: number): Bilingual => ({
    zh: `堵点 ${blockageId} 距任何沟渠都超过 ${toleranceM} 米`,
    en: `blockage ${blockageId} is more than ${toleranceM} m from any ditch`,
  }),
  blockageOnRiver: (blockageId: string, segmentId: string): Bilingual => ({
    zh: `堵点 ${blockageId} 位于河道 ${segmentId} 上；河道按出口处理，不参与排序`,
    en: `blockage ${blockageId} is on river ${segmentId}; rivers are outlets, so it is not ranked`,
  }),
  blockageInGap: (blockageId: string, segmentId: string): Bilingual => ({
    zh: `堵点 ${blockageId} 所在沟段 ${segmentId} 连不到河道，无法评估影响`,
    en: `blockage ${blockageId} is on segment ${segmentId}, which does not reach a river, so its impact cannot be assessed`,
  }),
};

export const invalidSegmentReasons = {
  coords: { zh: '坐标少于两个点或超出经纬度范围', en: 'fewer than two points, or coordinates out of range' },
  kind: { zh: '沟渠类型未知', en: 'unknown kind' },
  numbers: { zh: '蓄水量、过流能力、汇水面积或长度为负数或非数字', en: 'storage, conveyance, catchment or length is negative or not a number' },
} satisfies Record<string, Bilingual>;
