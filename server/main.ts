import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../shared/contract/errors';
import { isoDate } from '../shared/contract/common';
import { parseInput } from '../shared/contract/validation';
import { SERVER_ORIGIN, type ServerContext } from './context';
import { migrateServer } from './db/migrate';
import { openPool, redact } from './db/pool';
import { addCountyUser } from './county/auth';
import { countyReport } from './county/report';
import { formatReport } from './county/reportText';
import { startServerHost } from './http/server';
import { issueEnrolCode } from './sync/enrol';
import { createPhoneState } from './phone/gateway';
import { createReportCache } from './county/reportCache';

const HELP = `用法 Usage:
  npm run server -- --pg postgres://… [--port N] [--host H] [--tls-cert F --tls-key F] [--public-url URL]
      县级服务：同步、县级页面（/county.html）、矢量瓦片、作业队手机页（/field/）。
      The county server: sync, county pages, tiles, the field teams' phone page and API (/field/, /api/phone.*).
      手机需要 HTTPS（定位与离线页面）：用 --tls-cert/--tls-key 或放在 HTTPS 代理之后。Phones need HTTPS.
  npm run server -- admin add-township --pg … --name 双河乡       新乡镇与一次性注册码（最后一行）
  npm run server -- admin rekey-township --pg … --name 双河乡 [--revoke-all]
      新注册码：同一台电脑重新注册时其旧密钥作废；另一台电脑用它成为本乡镇的第二个同步端；
      --revoke-all 立即作废本乡镇所有密钥（电脑丢失时）。A new code; --revoke-all stops every key now.
  npm run server -- admin add-user --pg … --name 张三 --password-stdin   县级查看账号（密码从标准输入读）
  npm run server -- report --pg … --date YYYY-MM-DD [--json]      各乡镇当日数字与全县合计
`;

function makeContext(pool: ServerContext['pool'], extra: Partial<ServerContext> = {}): ServerContext {
  return {
    pool,
    installationId: SERVER_ORIGIN,
    clock: { last: null },
    rendererDir: resolve(import.meta.dirname, '../dist/renderer'),
    publicUrl: null,
    now: () => new Date(),
    phones: createPhoneState(),
    reports: createReportCache(),
    ...extra,
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

function need(value: string | undefined, flag: string): string {
  if (!value) throw new AppError('invalid_input', { zh: `缺少 ${flag}`, en: `${flag} is required` });
  return value;
}

async function withPool<T>(url: string | undefined, work: (ctx: ServerContext) => Promise<T>): Promise<T> {
  const pool = await openPool(need(url, '--pg'));
  try {
    await migrateServer(pool);
    return await work(makeContext(pool));
  } finally {
    await pool.end();
  }
}

async function admin(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  const { values } = parseArgs({ args: rest, options: { pg: { type: 'string' }, name: { type: 'string' }, 'password-stdin': { type: 'boolean', default: false }, 'revoke-all': { type: 'boolean', default: false } } });
  await withPool(values.pg, async (ctx) => {
    if (sub === 'add-township' || sub === 'rekey-township') {
      const { code, revoked } = await issueEnrolCode(ctx, need(values.name, '--name'), sub === 'add-township' ? 'add' : 'rekey', { revokeAll: values['revoke-all'] });
      if (revoked > 0) console.log(`已作废 ${revoked} 个同步密钥 Revoked ${revoked} sync key(s)`);
      console.log(`乡镇 ${values.name} 的一次性注册码（在乡镇“设置 → 联网同步”中输入，只能用一次）One-time code for ${values.name}:`);
      console.log(code);
    } else if (sub === 'add-user') {
      if (!values['password-stdin']) throw new AppError('invalid_input', { zh: '请用 --password-stdin 从标准输入提供密码', en: 'Give the password on standard input with --password-stdin' });
      const { created } = await addCountyUser(ctx, need(values.name, '--name'), await readStdin());
      console.log(created ? `已添加县级账号 ${values.name} Added county user` : `已更新 ${values.name} 的密码 Password updated`);
    } else throw new AppError('invalid_input', { zh: `未知的 admin 命令 ${sub ?? ''}\n${HELP}`, en: `Unknown admin command ${sub ?? ''}` });
  });
}

async function report(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { pg: { type: 'string' }, date: { type: 'string' }, json: { type: 'boolean', default: false } } });
  const date = parseInput(isoDate, need(values.date, '--date'));
  await withPool(values.pg, async (ctx) => {
    const r = await countyReport(ctx, date);
    console.log(values.json ? JSON.stringify(r, null, 2) : formatReport(r));
  });
}

async function serve(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      pg: { type: 'string' }, port: { type: 'string', default: '8443' }, host: { type: 'string', default: '0.0.0.0' },
      'tls-cert': { type: 'string' }, 'tls-key': { type: 'string' }, 'public-url': { type: 'string' }, 'renderer-dir': { type: 'string' },
    },
  });
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) {
    throw new AppError('invalid_input', { zh: '--tls-cert 与 --tls-key 须同时给出', en: '--tls-cert and --tls-key go together' });
  }
  const url = need(values.pg, '--pg');
  const pool = await openPool(url, 20);
  const { from, to } = await migrateServer(pool);
  const ctx = makeContext(pool, {
    publicUrl: values['public-url'] ?? null,
    ...(values['renderer-dir'] ? { rendererDir: resolve(values['renderer-dir']) } : {}),
  });
  const host = await startServerHost(ctx, {
    port: Number(values.port),
    host: values.host!,
    ...(values['tls-cert'] ? { tlsCert: values['tls-cert'], tlsKey: values['tls-key']! } : {}),
  });
  console.log(`数据库 database ${redact(url)} (schema ${from} → ${to})`);
  console.log(`县级服务已启动 County server listening: ${host.url}${ctx.publicUrl ? ` (public ${ctx.publicUrl})` : ''}`);
  const stop = () => void host.close().then(() => pool.end()).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--help' || argv[0] === '-h' || argv.length === 0) return void console.log(HELP);
  if (argv[0] === 'admin') return admin(argv.slice(1));
  if (argv[0] === 'report') return report(argv.slice(1));
  return serve(argv);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof AppError) console.error(`${error.messageZh}\n${error.messageEn}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
