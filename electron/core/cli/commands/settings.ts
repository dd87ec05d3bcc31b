import type { SettingsPatch } from '../../../../shared/contract/settings';
import { call, DATA_FLAG_HELP, parseFlags, withCore, type Command } from '../command';

const HELP = `用法 Usage:
  npm run cli -- settings --data DIR [--json]          显示设置 show settings
  npm run cli -- settings --data DIR [options]         修改设置 change settings
    --township NAME        乡镇名称 township name
    --office NAME          发文单位 issuing office
    --season-start DATE    汛期起始 season start (YYYY-MM-DD)
    --locale zh|en         界面语言 UI language
${DATA_FLAG_HELP}`;

export const settingsCommand: Command = {
  name: 'settings',
  summary: '查看或修改设置 show or change settings',
  help: HELP,
  async run(argv) {
    const { values } = parseFlags(argv, {
      data: { type: 'string' },
      json: { type: 'boolean', default: false },
      township: { type: 'string' },
      office: { type: 'string' },
      'season-start': { type: 'string' },
      locale: { type: 'string' },
    });
    const patch: Record<string, unknown> = {};
    if (values.township !== undefined) patch.townshipName = values.township;
    if (values.office !== undefined) patch.issuingOffice = values.office;
    if (values['season-start'] !== undefined) patch.seasonStart = values['season-start'];
    if (values.locale !== undefined) patch.locale = values.locale;
    await withCore(values.data, async (core) => {
      const settings =
        Object.keys(patch).length > 0
          ? await call(core, 'settings.update', patch as SettingsPatch)
          : await call(core, 'settings.get', {});
      if (values.json) {
        console.log(JSON.stringify(settings, null, 2));
        return;
      }
      console.log(`乡镇名称 township:     ${settings.townshipName}`);
      console.log(`发文单位 office:       ${settings.issuingOffice}`);
      console.log(`汛期起始 season start: ${settings.seasonStart}`);
      console.log(`界面语言 locale:       ${settings.locale}`);
      console.log(`单位 units:            ${settings.units.volume}, ${settings.units.length}, ${settings.units.area}`);
    });
  },
};
