/**
 * Reading one property value into our field's type. Files say "1:1.5", "0.5‰", "Φ800", "2024年7月5日",
 * "通畅": each reader accepts what office and field files really contain, and returns
 * `{ value }` or `{ error }` so the caller can warn and leave the field empty.
 */
import type { FieldSpec } from './schema';
import type { PropertyValue } from './types';
import { townshipDay } from '../../../../shared/domain/dates';

/** A parsed value, or why it could not be read. */
export type ValueResult<T> = { value: T | null; error?: undefined; note?: string } | { value: null; error: string; note?: undefined };

/** Full-width digits and punctuation (from Chinese input methods) to ASCII. */
function halfWidth(text: string): string {
  // Most text has none: one test instead of two replaces (50,000 enum values per import).
  if (!/[\u3000\uFF01-\uFF5E]/.test(text)) return text;
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Lower-case, no spaces or full-width forms: for comparing words. */
export function normalizeWord(text: string): string {
  return halfWidth(text).toLowerCase().replace(/\s+/g, '');
}

function ok<T>(value: T | null, note?: string): ValueResult<T> {
  return note ? { value, note } : { value };
}

function bad<T>(error: string): ValueResult<T> {
  return { value: null, error };
}

const LENGTH_UNITS: Record<string, number> = { mm: 0.001, 毫米: 0.001, cm: 0.01, 厘米: 0.01, m: 1, 米: 1, km: 1000, 公里: 1000 };

/** A number from text: "1.5", "1,234.5", "1.5m", "800mm", "1:1.5", "0.5‰", "60%", "1/2000". */
export function parseNumber(raw: PropertyValue, unit?: 'length' | 'slope' | 'ratio' | 'side_slope'): ValueResult<number> {
  if (raw === null) return ok(null);
  if (typeof raw === 'number') return ok(raw);
  if (typeof raw === 'boolean') return bad(String(raw));
  let text = halfWidth(raw).trim().replace(/^[Φφ∅Ø]/, '').replace(/,/g, '').replace(/\s+/g, '');
  if (text === '') return ok(null);
  let scale = 1;
  // Side slope is written as the ratio 1:z (1：1.5); the value we keep is z.
  const ratio = /^1[:：](\d+(?:\.\d+)?)$/.exec(text);
  if (ratio && unit === 'side_slope') return ok(Number(ratio[1]));
  const fraction = /^(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(text);
  if (fraction) {
    const d = Number(fraction[2]);
    return d === 0 ? bad(raw) : ok(Number(fraction[1]) / d);
  }
  if (text.endsWith('‰')) {
    scale = 0.001;
    text = text.slice(0, -1);
  } else if (text.endsWith('%')) {
    scale = 0.01;
    text = text.slice(0, -1);
  } else {
    const m = /^(.*?)(mm|毫米|cm|厘米|km|公里|m|米)$/i.exec(text);
    if (m && unit === 'length') {
      scale = LENGTH_UNITS[(m[2] as string).toLowerCase()] ?? 1;
      text = m[1] as string;
    }
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return bad(raw);
  return ok(Number(text) * scale);
}

/** A YYYY-MM-DD date from "2024-07-05", "2024/7/5", "2024.7.5", "20240705", "2024年7月5日" or an ISO timestamp. */
export function parseDate(raw: PropertyValue): ValueResult<string> {
  if (raw === null) return ok(null);
  const text = halfWidth(String(raw)).trim();
  if (text === '') return ok(null);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return bad(text);
    return ok(`${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  }
  const stamp = parseTimestamp(raw);
  if (stamp.value !== null) {
    // A moment belongs to the township day it happened on, in Asia/Shanghai (UTC+8, no DST).
    return ok(townshipDay(new Date(stamp.value)));
  }
  return bad(text);
}

/**
 * A UTC ISO-8601 timestamp. Times without a zone are township time (UTC+8); a value already in
 * UTC ("…Z") is kept exactly as written so export → import round-trips.
 */
export function parseTimestamp(raw: PropertyValue): ValueResult<string> {
  if (raw === null) return ok(null);
  const text = halfWidth(String(raw)).trim();
  if (text === '') return ok(null);
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(text);
  if (!m) return bad(text);
  const [y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m.slice(1) as string[];
  const ms = frac ? Math.round(Number(frac) * 1000) : 0;
  let offsetMin = 8 * 60;
  if (zone && zone.toUpperCase() === 'Z') offsetMin = 0;
  else if (zone) {
    const zm = /^([+-])(\d{2}):?(\d{2})$/.exec(zone) as RegExpExecArray;
    offsetMin = (zm[1] === '-' ? -1 : 1) * (Number(zm[2]) * 60 + Number(zm[3]));
  }
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms) - offsetMin * 60_000;
  const date = new Date(utc);
  if (Number.isNaN(utc) || Number(mo) > 12 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return bad(text);
  if (zone?.toUpperCase() === 'Z' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/i.test(text)) return ok(text.replace(/z$/, 'Z'));
  return ok(date.toISOString());
}

/**
 * An enum code from a code or a word that means it. Exact words first; then, for Chinese, the
 * longest word of two or more characters contained in the text ("一级支沟" → branch).
 */
export function parseEnum(raw: PropertyValue, values: Record<string, readonly string[]>): ValueResult<string> {
  if (raw === null) return ok(null);
  const text = normalizeWord(String(raw));
  if (text === '') return ok(null);
  const index = enumIndex(values);
  const exact = index.exact.get(text);
  if (exact !== undefined) return ok(exact);
  const contained = index.chinese.find((w) => text.includes(w.word));
  return contained ? ok(contained.code) : bad(String(raw));
}

/** An enum's words normalised once: exact word → code, and its Chinese words of two or more characters, longest first. */
interface EnumIndex {
  exact: Map<string, string>;
  chinese: { word: string; code: string }[];
}

// Derived from the constant value tables of schema.ts (no application state): each is indexed once.
const enumIndexes = new WeakMap<Record<string, readonly string[]>, EnumIndex>();

function enumIndex(values: Record<string, readonly string[]>): EnumIndex {
  let index = enumIndexes.get(values);
  if (index) return index;
  index = { exact: new Map(), chinese: [] };
  // In the order the values are listed, each code before its words: the first to claim a word keeps it.
  for (const [code, words] of Object.entries(values)) {
    const key = normalizeWord(code);
    if (!index.exact.has(key)) index.exact.set(key, code);
    for (const w of words) {
      const word = normalizeWord(w);
      if (!index.exact.has(word)) index.exact.set(word, code);
      if (/[\u4e00-\u9fff]/.test(word) && word.length >= 2) index.chinese.push({ word, code });
    }
  }
  // Longest first; among equals the earlier code, as the scan in order gave.
  index.chinese = index.chinese.map((w, i) => ({ ...w, i })).sort((a, b) => b.word.length - a.word.length || a.i - b.i).map(({ word, code }) => ({ word, code }));
  enumIndexes.set(values, index);
  return index;
}

/** Reads a value for a field of our model; range errors are errors too. */
export function parseFieldValue(raw: PropertyValue, spec: FieldSpec): ValueResult<string | number> {
  switch (spec.type) {
    case 'text':
      return ok(raw === null ? null : String(raw).trim() || null);
    case 'date':
      return parseDate(raw);
    case 'timestamp':
      return parseTimestamp(raw);
    case 'enum':
      return parseEnum(raw, spec.values);
    case 'integer':
    case 'number': {
      const r = parseNumber(raw, spec.type === 'number' ? spec.unit : undefined);
      if (r.value === null) return r;
      let value = r.value;
      let note: string | undefined;
      // A culvert "diameter 800" is millimetres: nobody lays an 800 m pipe.
      if (spec.type === 'number' && spec.unit === 'length' && spec.max <= 10 && value > spec.max && value <= 5000 && !/m|米/i.test(String(raw))) {
        value = value / 1000;
        note = 'mm';
      }
      if (spec.type === 'integer' && !Number.isInteger(value)) return bad(String(raw));
      if (value < spec.min || value > spec.max) return bad(String(raw));
      return ok(value, note);
    }
  }
}
