import { writeFileSync } from 'node:fs';
import { AppError } from '../../../../shared/contract/errors';
import { call, DATA_FLAG_HELP, parseFlags, withCore, type Command } from '../command';

const HELP = `用法 Usage: npm run cli -- export --data DIR --format geojson|kml|csv --out FILE

导出沟渠网络（WGS84 坐标；GeoJSON 属性名固定：layer、name、kind、village …）。
Exports the network (WGS84; stable GeoJSON property names: layer, name, kind, village, …).
${DATA_FLAG_HELP}`;

export const exportCommand: Command = {
  name: 'export',
  summary: '导出沟渠网络 export the network',
  help: HELP,
  async run(argv) {
    const { values } = parseFlags(argv, { data: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } });
    if (!values.format || !['geojson', 'kml', 'csv'].includes(values.format)) {
      throw new AppError('invalid_input', { zh: '请用 --format 指定 geojson、kml 或 csv', en: 'Give --format geojson, kml or csv' });
    }
    if (!values.out) throw new AppError('invalid_input', { zh: '请用 --out 指定输出文件', en: 'Give the output file with --out' });
    await withCore(values.data, async (core) => {
      const file = await call(core, 'network.export', { format: values.format as 'geojson' | 'kml' | 'csv' });
      writeFileSync(values.out!, file.text, 'utf8');
      console.log(`已导出 Exported ${file.count} 个要素 features → ${values.out}`);
    });
  },
};
