import { z } from 'zod';
import { AppError, type Bilingual } from './errors';

const SEP = '\u001f';

/**
 * A custom validation message in both languages, for use inside schemas
 * (`z.string().regex(re, { error: bilingual('…', '…') })`). Zod carries one string; the two
 * languages travel joined and are split again by {@link describeIssues}.
 */
export function bilingual(zh: string, en: string): string {
  return `${zh}${SEP}${en}`;
}

function splitMessage(message: string): Bilingual | null {
  const at = message.indexOf(SEP);
  if (at < 0) return null;
  return { zh: message.slice(0, at), en: message.slice(at + SEP.length) };
}

function pathLabel(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}

export interface IssueDetail {
  path: string;
  code: string;
  message: string;
  messageEn: string;
}

/** Turn zod issues into one bilingual message plus per-field details. */
export function describeIssues(input: unknown, schema: z.ZodType): { message: Bilingual; issues: IssueDetail[] } {
  const zh = schema.safeParse(input, { error: z.locales.zhCN().localeError });
  const en = schema.safeParse(input, { error: z.locales.en().localeError });
  const zhIssues = zh.success ? [] : zh.error.issues;
  const enIssues = en.success ? [] : en.error.issues;
  const issues: IssueDetail[] = zhIssues.map((issue, i) => {
    const custom = splitMessage(issue.message);
    const enMessage = enIssues[i]?.message ?? issue.message;
    return {
      path: pathLabel(issue.path),
      code: issue.code,
      message: custom ? custom.zh : issue.message,
      messageEn: custom ? custom.en : (splitMessage(enMessage)?.en ?? enMessage),
    };
  });
  const line = (pick: (d: IssueDetail) => string, field: string) =>
    issues.map((d) => (d.path ? `${field}${d.path}: ${pick(d)}` : pick(d))).join('; ');
  return {
    message: {
      zh: `输入有误：${line((d) => d.message, '字段 ')}`,
      en: `Invalid input: ${line((d) => d.messageEn, 'field ')}`,
    },
    issues,
  };
}

/** Parse strictly with a contract schema, or throw an AppError('invalid_input') that names every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const { message, issues } = describeIssues(input, schema);
  throw new AppError('invalid_input', message, { issues });
}
