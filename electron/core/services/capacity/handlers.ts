import { capacityQuerySchema } from '../../../../shared/contract/capacity';
import type { HandlersFor } from '../../api/handlerTypes';
import { capacityCsv, capacityXlsx } from './export';
import { capacityMap } from './map';
import { computeCapacity } from './report';
import { getCapacitySettings, setCapacitySettings } from './settings';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const capacityHandlers: HandlersFor<'capacity.report' | 'capacity.map' | 'capacity.export' | 'capacity.settings' | 'capacity.setSettings'> = {
  'capacity.report': (input, ctx) => computeCapacity(ctx, input).report,
  'capacity.map': (input, ctx) => capacityMap(computeCapacity(ctx, input)),
  'capacity.export': async (input, ctx) => {
    const { report } = computeCapacity(ctx, input.query ?? capacityQuerySchema.parse({}));
    const stem = `${input.locale === 'en' ? 'capacity' : '蓄排能力'}-${report.date}`;
    if (input.format === 'csv') {
      return { fileName: `${stem}.csv`, mimeType: 'text/csv;charset=utf-8', contentBase64: Buffer.from(capacityCsv(report, input.locale)).toString('base64') };
    }
    return { fileName: `${stem}.xlsx`, mimeType: XLSX_MIME, contentBase64: Buffer.from(await capacityXlsx(report, input.locale)).toString('base64') };
  },
  'capacity.settings': (_input, ctx) => getCapacitySettings(ctx),
  'capacity.setSettings': (input, ctx) => setCapacitySettings(ctx, input),
};
