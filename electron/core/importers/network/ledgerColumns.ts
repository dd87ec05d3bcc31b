/**
 * The columns of the Excel ledger (沟渠台账) both directions share: one sheet per layer named in
 * Chinese, our fields under their Chinese labels (FIELD_LABELS, which the mapping recognises on the
 * way back), positions as start/end lon/lat for ditches, lon/lat for points, WKT for everything.
 */
import type { NetworkLayer } from './types';

/** Sheet names, in export order. */
export const LEDGER_SHEETS: Record<NetworkLayer, string> = { ditch: '沟渠台账', culvert: '涵管', blockage: '堵点', area: '片区' };

/** Position and bookkeeping columns. */
export const LEDGER = {
  number: '序号',
  id: 'id',
  length: '计算长度(米)',
  startLon: '起点经度',
  startLat: '起点纬度',
  endLon: '终点经度',
  endLat: '终点纬度',
  lon: '经度',
  lat: '纬度',
  wkt: 'WKT(WGS84)',
} as const;

/** Columns the reader does not take as attributes: they are written from the data, not kept. */
export const LEDGER_COMPUTED: readonly string[] = [LEDGER.number, LEDGER.length];
