import { writeFileSync } from 'node:fs';
import { AppError } from '../../../../shared/contract/errors';
import { EXPORT_FORMATS, type ExportFormatName } from '../../../../shared/contract/imports';
import { call, DATA_FLAG_HELP, parseFlags, withCore, type Command } from '../command';

const HELP = `用法 Usage: npm run cli -- export --data DIR --format geojson|kml|csv|gpkg|shapefile|xlsx --out FILE [--encoding gbk|utf-8]

导出沟渠网络（WGS84 坐标；属性名固定：layer、name、kind、village …，导入时保留的其他属性一并导出）。
gpkg：GeoPackage（QGIS 默认格式）；shapefile：zip 打包的 Shapefile，文字默认 GBK（--encoding utf-8 可改）；
xlsx：Excel 沟渠台账（每条沟渠一行，起终点经纬度与 WKT）。
Exports the network (WGS84; stable property names: layer, name, kind, village, …; file attributes
kept on import are written too). gpkg: GeoPackage; shapefile: zipped Shapefile, GBK text by default
(--encoding utf-8); xlsx: the Excel ditch ledger (one row per ditch, start/end lon/lat and WKT).
${DATA_FLAG_HELP}`;

export const exportCommand: Command = {
  name: 'export',
  summary: '导出沟渠网络 export the network',
  help: HELP,
  async run(argv) {
    const { values } = parseFlags(argv, { data: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, encoding: { type: 'string' } });
    if (!values.format || !(EXPORT_FORMATS as readonly string[]).includes(values.format)) {
      throw new AppError('invalid_input', { zh: `请用 --format 指定 ${EXPORT_FORMATS.join('、')}`, en: `Give --format ${EXPORT_FORMATS.join(', ')}` });
    }
    if (values.encoding !== undefined && values.encoding !== 'gbk' && values.encoding !== 'utf-8') {
      throw new AppError('invalid_input', { zh: '--encoding 应为 gbk 或 utf-8', en: '--encoding must be gbk or utf-8' });
    }
    if (!values.out) throw new AppError('invalid_input', { zh: '请用 --out 指定输出文件', en: 'Give the output file with --out' });
    await withCore(values.data, async (core) => {
      const file = await call(core, 'network.export', { format: values.format as ExportFormatName, ...(values.encoding ? { encoding: values.encoding as 'gbk' | 'utf-8' } : {}) });
      if (file.base64 !== undefined) writeFileSync(values.out!, Buffer.from(file.base64, 'base64'));
      else writeFileSync(values.out!, file.text, 'utf8');
      console.log(`已导出 Exported ${file.count} 个要素 features → ${values.out}`);
      for (const w of file.warnings) console.log(`注意 Note: ${w.zh} / ${w.en}`);
    });
  },
};
