import { z } from 'zod';
import { bilingual } from './validation';

/** A township day, `YYYY-MM-DD` (Asia/Shanghai), checked to be a real calendar date. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: bilingual('日期格式应为 YYYY-MM-DD', 'date must be YYYY-MM-DD') })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, { error: bilingual('不是有效的日期', 'not a real calendar date') });

/** A UTC ISO-8601 timestamp. */
export const isoTimestamp = z.string().datetime({ offset: true });

/** Row ids are UUIDs so a county database can merge townships without collisions. */
export const id = z.uuid({ error: bilingual('编号格式不正确', 'id must be a UUID') });

/** Procedures that take no arguments accept `{}` (and nothing else). */
export const noInput = z.strictObject({});
