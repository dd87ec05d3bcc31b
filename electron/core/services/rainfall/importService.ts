import { AppError } from '../../../../shared/contract/errors';
import type { ImportIssueWire, RainImportKind, RainImportPreview } from '../../../../shared/contract/rainfall';
import type { CoreContext } from '../../context';
import { RainRepository } from '../../db/repositories/rainRepository';
import type { ImportIssue } from '../../importers/rainfall';
import { seasonWindow } from '../totals/season';
import { RainWriter, sameMm } from './writer';

export interface ImportFileInput {
  kind: RainImportKind;
  fileName: string;
  contentBase64: string;
  allowNewStations: boolean;
}

/** What a file holds once parsed: values keyed the way they are stored. */
interface Parsed {
  format: string;
  encoding: string;
  layout: string;
  sheet: string | null;
  stations: string[];
  newStations: string[];
  dateRange: { from: string; to: string } | null;
  errors: ImportIssueWire[];
  warnings: ImportIssueWire[];
  /** Readings: station name; baseline: '' (the township series). */
  values: { row: number; station: string; date: string; mm: number }[];
}

const wire = (i: ImportIssue): ImportIssueWire => (i.column === undefined ? { row: i.row, zh: i.zh, en: i.en } : { row: i.row, column: i.column, zh: i.zh, en: i.en });

function decode(base64: string): Uint8Array {
  return new Uint8Array(Buffer.from(base64.replace(/\s+/g, ''), 'base64'));
}

async function parse(ctx: CoreContext, input: ImportFileInput): Promise<Parsed> {
  // Loaded on first use: the xlsx reader is heavy, and every CLI command and window start would pay for it.
  const { parseLastYearBaseline, parseRainfallFile } = await import('../../importers/rainfall');
  const bytes = decode(input.contentBase64);
  const w = seasonWindow(ctx);
  if (input.kind === 'baseline') {
    const r = await parseLastYearBaseline(input.fileName, bytes, { seasonStart: w.seasonStart });
    return {
      format: r.format, encoding: r.encoding, layout: r.layout, sheet: r.sheet, stations: r.stations, newStations: [],
      dateRange: r.dateRange, errors: r.errors.map(wire), warnings: r.warnings.map(wire),
      values: r.rows.map((x) => ({ row: x.row, station: '', date: x.date, mm: x.mm })),
    };
  }
  const knownStations = new RainRepository(ctx.db, ctx.townshipId).stations().map((s) => s.name);
  const r = await parseRainfallFile(input.fileName, bytes, {
    knownStations, seasonStart: w.seasonStart, today: w.today, allowNewStations: input.allowNewStations,
  });
  return {
    format: r.format, encoding: r.encoding, layout: r.layout, sheet: r.sheet, stations: r.stations, newStations: r.newStations,
    dateRange: r.dateRange, errors: r.errors.map(wire), warnings: r.warnings.map(wire),
    values: r.rows.map((x) => ({ row: x.row, station: x.station, date: x.date, mm: x.mm })),
  };
}

const errorRows = (errors: ImportIssueWire[]): number[] => [...new Set(errors.map((e) => e.row))].sort((a, b) => a - b);

/** Compare parsed values with what is stored: new, different, the same. */
function compare(ctx: CoreContext, kind: RainImportKind, values: Parsed['values']): { added: number; changed: number; unchanged: number } {
  const repo = new RainRepository(ctx.db, ctx.townshipId);
  const ids = new Map(repo.stations().map((s) => [s.name, s.id]));
  const out = { added: 0, changed: 0, unchanged: 0 };
  for (const v of values) {
    const stored = kind === 'baseline' ? repo.baselineOn(v.date) : ids.has(v.station) ? repo.reading(ids.get(v.station)!, v.date) : undefined;
    if (!stored) out.added++;
    else if (sameMm(stored.mm, v.mm)) out.unchanged++;
    else out.changed++;
  }
  return out;
}

/** Parse a file and say what importing it would do. Writes nothing. */
export async function previewImport(ctx: CoreContext, input: ImportFileInput): Promise<RainImportPreview> {
  const p = await parse(ctx, input);
  return {
    kind: input.kind,
    format: p.format,
    encoding: p.encoding,
    layout: p.layout,
    sheet: p.sheet,
    values: p.values.length,
    ...compare(ctx, input.kind, p.values),
    stations: p.stations,
    newStations: p.newStations,
    dateRange: p.dateRange,
    errors: p.errors,
    warnings: p.warnings,
    errorRows: errorRows(p.errors),
  };
}

/**
 * Import a file in one transaction, only when every row is valid or `skipRows` names every bad
 * row; the rows named are left out and nothing else. Values already stored are overwritten (the
 * history keeps the old ones, and undo puts them back).
 */
export async function importRain(
  ctx: CoreContext,
  input: ImportFileInput & { skipRows: number[] },
): Promise<{ imported: number; added: number; changed: number; skippedRows: number[]; newStations: string[] }> {
  const p = await parse(ctx, input);
  const skip = new Set(input.skipRows);
  const unskipped = p.errors.filter((e) => !skip.has(e.row));
  if (unskipped.length > 0) {
    const rows = errorRows(unskipped);
    const list = unskipped.slice(0, 20);
    const more = unskipped.length > list.length ? `……共 ${unskipped.length} 处` : '';
    const moreEn = unskipped.length > list.length ? ` … ${unskipped.length} in all` : '';
    throw new AppError(
      'import_invalid',
      {
        zh: `文件有 ${rows.length} 行有误，未导入任何数据（可改正后重新导入，或选择跳过这些行）：${list.map((e) => e.zh).join('；')}${more}`,
        en: `${rows.length} row(s) of the file have problems; nothing was imported (fix them and import again, or choose to skip those rows): ${list.map((e) => e.en).join('; ')}${moreEn}`,
      },
      { errors: p.errors, errorRows: rows },
    );
  }
  const values = p.values.filter((v) => !skip.has(v.row));
  if (values.length === 0) {
    throw new AppError('import_invalid', { zh: '跳过这些行后，文件中没有可导入的雨量', en: 'With those rows skipped, the file has no rainfall left to import' });
  }
  const writer = new RainWriter(ctx, 'import', true);
  const created: string[] = [];
  ctx.db.transaction(() => {
    const ids = new Map(writer.repo.stations().map((s) => [s.name, s.id]));
    for (const v of values) {
      if (input.kind === 'baseline') {
        writer.baseline(v.date, v.mm);
        continue;
      }
      let stationId = ids.get(v.station);
      if (stationId === undefined) {
        if (!input.allowNewStations) throw new Error(`station ${v.station} passed the parser but is unknown`);
        stationId = writer.addStation(v.station).id;
        ids.set(v.station, stationId);
        created.push(v.station);
      }
      writer.reading(stationId, v.date, v.mm);
    }
    writer.repo.recordImport({
      id: writer.batchId, kind: input.kind, fileName: input.fileName, format: p.format, encoding: p.encoding,
      rows: values.length, skippedRows: [...skip].sort((a, b) => a - b), at: writer.at,
    }, { batchId: writer.batchId, source: 'import', at: writer.at });
  })();
  return {
    imported: values.length,
    added: writer.counts.added,
    changed: writer.counts.changed,
    skippedRows: [...skip].sort((a, b) => a - b),
    newStations: created,
  };
}
