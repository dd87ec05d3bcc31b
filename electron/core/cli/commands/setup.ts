import { AppError } from '../../../../shared/contract/errors';
import { call, DATA_FLAG_HELP, parseFlags, withCore, type Command } from '../command';
import { defaultIssuingOffice } from '../../services/setup/setupService';

const HELP = `用法 Usage:
  npm run cli -- setup --data DIR --township-code 220322204 [options]
  npm run cli -- setup --data DIR --township 双河乡 [options]     按名称查找 find by name
    --township-code CODE   9 位乡镇代码 the township's 9-digit division code
    --township NAME        乡镇名称；多处同名时列出各处 name; lists the places when several match
    --season-start DATE    汛期起始 season start (YYYY-MM-DD, default 06-01 of this year)
    --office NAME          发文单位 issuing office (default <乡镇>防汛抗旱指挥部办公室)
    --villages A,B,…       村庄（默认取行政区划表）villages (default: from the division list)
    --json                 输出 JSON
${DATA_FLAG_HELP}
同设置页的“首次设置”一样：乡镇、村庄、汛期、发文单位一次保存。
The same as the app's first-run setup: township, villages, season and office saved together.`;

export const setupCommand: Command = {
  name: 'setup',
  summary: '首次设置：选择乡镇并填好村庄 first-run setup: township and villages',
  help: HELP,
  async run(argv) {
    const { values } = parseFlags(argv, {
      data: { type: 'string' },
      'township-code': { type: 'string' },
      township: { type: 'string' },
      'season-start': { type: 'string' },
      office: { type: 'string' },
      villages: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    await withCore(values.data, async (core) => {
      let code = values['township-code'];
      if (!code && values.township) {
        const { matches, total } = await call(core, 'setup.searchTownships', { query: values.township, limit: 20 });
        const exact = matches.filter((m) => m.name === values.township);
        const chosen = exact.length === 1 ? exact : matches.length === 1 ? matches : [];
        if (chosen.length !== 1) {
          const list = matches.map((m) => `  ${[...m.path, m.name].join(' ')}  ${m.code}`).join('\n');
          throw new AppError(total === 0 ? 'not_found' : 'conflict', {
            zh: total === 0 ? `行政区划表中没有名为“${values.township}”的乡镇` : `有 ${total} 个乡镇与“${values.township}”相符，请用 --township-code 指定：\n${list}`,
            en: total === 0 ? `No township is called "${values.township}"` : `${total} townships match "${values.township}"; name one with --township-code:\n${list}`,
          });
        }
        code = chosen[0]!.code;
      }
      if (!code) throw new AppError('invalid_input', { zh: '请用 --township-code 或 --township 指定乡镇', en: 'Name the township with --township-code or --township' });
      const township = await call(core, 'setup.township', { code });
      const current = await call(core, 'settings.get', {});
      const settings = await call(core, 'setup.apply', {
        townshipCode: township.code,
        townshipName: township.name,
        villages: values.villages ? values.villages.split(/[,，、]/) : township.villages,
        seasonStart: values['season-start'] ?? `${core.ctx.now().getUTCFullYear()}-06-01`,
        issuingOffice: values.office ?? defaultIssuingOffice(township.name),
        basemap: current.basemap,
      });
      const { villages } = await call(core, 'deployments.options', {});
      if (values.json) {
        console.log(JSON.stringify({ ...settings, path: township.path, villages }, null, 2));
        return;
      }
      console.log(`乡镇 township:        ${[...township.path, settings.townshipName].join(' ')} (${settings.townshipCode})`);
      console.log(`村庄 villages:        ${villages.length}：${villages.join('、')}`);
      console.log(`汛期起始 season start: ${settings.seasonStart}`);
      console.log(`发文单位 office:       ${settings.issuingOffice}`);
    });
  },
};
