import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../../shared/contract/errors';
import { defaultDataDir } from '../paths';
import { createHeadlessSheetRenderer } from '../sheets/headless';
// Only what starts the print Chromium is imported up front; the core is imported once it runs (see main).

const HELP = `用法 Usage: npm run serve -- [--data DIR] [--port N] [--field-port N]

在浏览器中运行 DrainDesk（仅监听 127.0.0.1）。Runs DrainDesk in a browser (127.0.0.1 only).
  --data DIR   数据文件夹 data folder (default: ${defaultDataDir()})
  --port N     端口 port (default 8686; 0 picks a free one)
  --demo       数据文件夹为空时先生成示例乡镇 fill an empty data folder with the sample township
  --field-port N  启动时打开现场服务（局域网，手机用）field server for phones on the LAN at launch (0: any free port)
  --help       显示本帮助 show this help`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      port: { type: 'string', default: '8686' },
      demo: { type: 'boolean', default: false },
      'field-port': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new AppError('invalid_input', { zh: `端口无效：${values.port}`, en: `Invalid port: ${values.port}` });
  }
  const staticDir = resolve(import.meta.dirname, '../../../dist/renderer');
  if (!existsSync(resolve(staticDir, 'index.html'))) {
    throw new AppError('not_found', {
      zh: `找不到界面文件 ${staticDir}，请先运行 npm run build:renderer`,
      en: `The UI is not built (${staticDir}); run npm run build:renderer first`,
    });
  }
  // Sheets print in headless Chromium from the same built renderer, fed their data in process.
  const sheetRenderer = createHeadlessSheetRenderer({ rendererDir: () => staticDir });
  // Chromium starts and loads the print view while the core loads and opens (its own process: the
  // two overlap). Loading the core's modules alone takes about a second, so they are imported only
  // now (issue 15: a sheet asked for the moment the desk is up found Chromium still starting).
  sheetRenderer.prepare();
  const [{ openCore }, { startHttpHost }, { seedDemo }, { networkSummary }, { startField, stopField }, { warmSheetPrinting }] = await Promise.all([
    import('../app'),
    import('./http'),
    import('../demo'),
    import('../services/network/networkQueries'),
    import('../field/registry'),
    import('../services/sheets/warm'),
  ]);
  const core = await openCore({ dataDir: values.data ?? defaultDataDir(), transport: 'http', dailyBackup: true, syncLoop: true, parseInWorker: true, sheetRenderer, rendererDir: staticDir });
  if (values.demo) {
    const summary = networkSummary(core.ctx);
    if (Object.values(summary.counts).every((n) => n === 0)) {
      const result = seedDemo(core);
      console.log(`已生成示例乡镇 Demo township created: ${result.features} features`);
    } else if (!summary.isDemo) {
      console.log('数据文件夹已有数据，未生成示例。The data folder already has data; no demo was added.');
    }
  }
  const host = await startHttpHost({
    dispatch: core.dispatch,
    staticDir,
    port,
    health: () => ({ app: 'DrainDesk', version: core.ctx.appVersion, dataDir: core.ctx.dataDir }),
  });
  console.log(`DrainDesk 浏览器模式已启动 (browser mode): ${host.url}`);
  console.log(`数据文件夹 (data): ${core.ctx.dataDir}`);
  // Once the app answers: Chromium and the print view start in the background (issue 15).
  setImmediate(() => void warmSheetPrinting(core.ctx));
  if (values['field-port'] !== undefined) {
    const fieldPort = Number(values['field-port']);
    if (!Number.isInteger(fieldPort) || fieldPort < 0 || fieldPort > 65535) {
      throw new AppError('invalid_input', { zh: `现场服务端口无效：${values['field-port']}`, en: `Invalid field port: ${values['field-port']}` });
    }
    const field = await startField(core.ctx, { port: fieldPort });
    console.log(`现场服务已启动 (field server) on port ${field.listeningPort}: ${field.urls.join(' ')}`);
  }
  const stop = () => {
    void Promise.all([host.close(), stopField(core.ctx), sheetRenderer.close()]).then(() => {
      core.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof AppError) console.error(`${error.messageZh}\n${error.messageEn}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
