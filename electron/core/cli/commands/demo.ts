import { seedDemo } from '../../demo';
import { DEMO } from '../../demo/constants';
import { DATA_FLAG_HELP, parseFlags, withCore, type Command } from '../command';

const HELP = `用法 Usage: npm run cli -- demo --data DIR

在空的数据文件夹中生成示例乡镇（${DEMO.townshipName}）：沟渠网络、涵管、堵点、村界，
以及整个汛期（${DEMO.seasonStart} 至 ${DEMO.today}）的雨情和出动力量。结果每次相同。
Creates the sample township in an EMPTY data folder: network, culverts, blockages, villages,
and the whole season's rainfall and deployments. Deterministic.
${DATA_FLAG_HELP}`;

export const demoCommand: Command = {
  name: 'demo',
  summary: '生成示例乡镇数据 create the sample township',
  help: HELP,
  async run(argv) {
    const { values } = parseFlags(argv, { data: { type: 'string' } });
    await withCore(values.data, async (core) => {
      const result = seedDemo(core);
      console.log(`已生成示例数据 Demo created in ${core.ctx.dataDir}: ${result.features} 个要素 features, ${result.blockageEvents} 条堵点记录 blockage events`);
    });
  },
};
