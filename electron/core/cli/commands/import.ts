import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { AppError } from '../../../../shared/contract/errors';
import { isSourceCrs, normalizeEpsg, sourceCrsLabel, type SourceCrs } from '../../../../shared/geo/projected';
import { DEFAULT_MAX_IMPORT_BYTES } from '../../importers/network';
import { commitImport, previewImport } from '../../services/imports/importService';
import { DATA_FLAG_HELP, parseFlags, withCore, type Command } from '../command';
import { PreviewStore } from '../../services/imports/previewStore';

const HELP = `用法 Usage: npm run cli -- import FILE --data DIR [--crs wgs84|gcj02|bd09|EPSG:N] [--yes]

导入沟渠网络：GeoJSON、KML/KMZ（含奥维互动地图导出）、zip 打包的 Shapefile、带经纬度列的 CSV。
先显示文件内容预览；加 --yes 直接导入（全部成功或全部不导入）。
Imports the network (GeoJSON, KML/KMZ incl. Ovital, zipped Shapefile, CSV with lon/lat). Shows a
preview first; --yes imports without asking (all or nothing).
  --crs SYSTEM  文件坐标系 the file's coordinate system: wgs84 (GPS), gcj02 (高德/奥维 v9.3+), bd09 (百度),
                或投影坐标的 EPSG 代码 or a projected system's EPSG code: CGCS2000 高斯-克吕格 4491–4554
                (如 e.g. EPSG:4529 3° 第 41 带, EPSG:4550 3° 中央经线 123°E), 西安80 2327–2390,
                北京54 2401–2442 / 21413–21423 / 21453–21463, UTM 32601–32660, Web 墨卡托 3857
                不填则用自动识别的结果 default: the detected one
  --yes         不再确认 do not ask
${DATA_FLAG_HELP}`;

/** wgs84 / gcj02 / bd09 / EPSG:4529 / epsg:4529 / 4529 → the system; anything else is refused. */
function parseCrsFlag(text: string): SourceCrs {
  const value = text.trim().toLowerCase();
  const candidate = ['wgs84', 'gcj02', 'bd09'].includes(value) ? value : normalizeEpsg(text);
  if (!isSourceCrs(candidate)) {
    throw new AppError('invalid_input', {
      zh: `--crs 应为 wgs84、gcj02、bd09 或支持的 EPSG 代码（如 EPSG:4529），而不是 ${text}`,
      en: `--crs must be wgs84, gcj02, bd09 or a supported EPSG code (e.g. EPSG:4529), not ${text}`,
    });
  }
  return candidate;
}

export const importCommand: Command = {
  name: 'import',
  summary: '导入沟渠网络文件 import a network file',
  help: HELP,
  async run(argv) {
    const { values, positionals } = parseFlags(argv, { data: { type: 'string' }, crs: { type: 'string' }, yes: { type: 'boolean', default: false } }, true);
    const file = positionals[0];
    if (!file || positionals.length > 1) {
      throw new AppError('invalid_input', { zh: '请给出一个要导入的文件（用 --help 查看用法）', en: 'Name one file to import (see --help)' });
    }
    const chosen = values.crs === undefined ? undefined : parseCrsFlag(values.crs);
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      throw new AppError('not_found', { zh: `找不到文件：${file}`, en: `File not found: ${file}` });
    }
    if (size > DEFAULT_MAX_IMPORT_BYTES) {
      throw new AppError('import_invalid', { zh: `文件 ${basename(file)} 有 ${(size / 1048576).toFixed(0)} MB，超过 100 MB 上限`, en: `${basename(file)} is ${(size / 1048576).toFixed(0)} MB, over the 100 MB limit` });
    }
    const { preview } = await previewImport(new PreviewStore(), basename(file), readFileSync(file));
    const c = preview.counts.byLayer;
    console.log(`文件 File: ${preview.fileName} (${preview.format}${preview.encoding ? `, ${preview.encoding}` : ''})`);
    console.log(`要素 Features: ${preview.counts.total} — 沟渠 ditches ${c.ditch}, 涵管 culverts ${c.culvert}, 堵点 blockages ${c.blockage}, 片区 areas ${c.area}`);
    console.log(`识别的坐标系 Detected CRS: ${preview.detectedCrs ?? '未识别 unknown'} — ${preview.crsReason.zh} / ${preview.crsReason.en}`);
    for (const w of preview.warnings) console.log(`注意 Note: ${w.message.zh} / ${w.message.en}`);
    const crs = chosen ?? preview.detectedCrs;
    if (!crs) {
      throw new AppError('invalid_input', { zh: '无法识别文件坐标系，请用 --crs 指定（wgs84、gcj02、bd09 或 EPSG 代码）', en: 'Cannot tell the file’s coordinate system; give it with --crs (wgs84, gcj02, bd09 or an EPSG code)' });
    }
    const label = sourceCrsLabel(crs);
    console.log(`使用的坐标系 CRS used: ${crs}${chosen ? '（--crs 指定 given by --crs）' : ''} — ${label.zh} / ${label.en}`);
    if (!values.yes) {
      if (!process.stdin.isTTY) {
        console.log('未导入：确认无误后加 --yes 再运行。Nothing imported: run again with --yes to import.');
        return;
      }
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      const answer = await rl.question(`按 ${label.zh} 坐标导入？Import as ${crs}? [y/N] `);
      rl.close();
      if (!/^y(es)?$/i.test(answer.trim())) {
        console.log('已取消，未导入。Cancelled; nothing imported.');
        return;
      }
    }
    await withCore(values.data, async (core) => {
      const result = commitImport({ ...core.ctx, source: 'import' }, preview, { crs });
      const r = result.counts;
      console.log(`已导入 Imported: 沟渠 ${r.ditch}, 涵管 ${r.culvert}, 堵点 ${r.blockage}, 片区 ${r.area}${result.updated ? `（其中更新 ${result.updated} updated）` : ''}（坐标系 CRS ${result.crs}）`);
      for (const w of result.warnings) console.log(`注意 Note: ${w.message.zh} / ${w.message.en}`);
    });
  },
};
