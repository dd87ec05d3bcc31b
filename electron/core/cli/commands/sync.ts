import { AppError } from '../../../../shared/contract/errors';
import type { SyncStatus } from '../../../../shared/contract/syncDesk';
import { call, DATA_FLAG_HELP, parseFlags, withCore, type Command } from '../command';

const HELP = `用法 Usage:
  npm run -s cli -- sync --data DIR --server URL --code CODE [--ca FILE]   注册并同步一次 enrol, then sync once
  npm run -s cli -- sync --data DIR [--json]                              同步一次 sync once
  npm run -s cli -- sync --data DIR --disconnect                          注销本机密钥 revoke this desk's key

与县服务器同步：先上传本机的修改，再下载其他电脑和手机的修改，并打印双向各多少条。
Syncs with the county server: pushes this desk's changes, then pulls what others made, and prints
what went each way. The key from enrolment stays in the data folder (never synced).
  --server URL   县服务器地址 the county server, e.g. https://fxb.example.gov.cn
  --code CODE    县里给的一次性注册码 the one-time code from the county (XXXX-XXXX-XXXX-XXXX)
  --ca FILE      自签名证书文件（PEM）a PEM certificate to trust for a self-signed county server
  --disconnect   注销并忘记本机密钥（本机数据保留）revoke and forget the key (local data stays)
  --json         输出 JSON（同步状态）print the status as JSON
${DATA_FLAG_HELP}
退出码 Exit code: 0 同步成功 synced · 1 同步失败（原因见输出）sync failed (reason printed) · 2 参数有误 bad arguments`;

/** What went each way, in both languages. */
export function formatRound(s: SyncStatus): string {
  const r = s.lastRound;
  const lines = [`服务器 server: ${s.serverUrl ?? '—'}`];
  if (r) {
    lines.push(`上传 pushed ${r.pushed}（重复 duplicates ${r.duplicates}）· 下载 pulled ${r.pulled} · 冲突 conflicts ${r.conflicts} · 附件 files ↑${r.blobsUp} ↓${r.blobsDown}`);
  }
  lines.push(`待上传 pending ${s.pending} · 未处理冲突 open conflicts ${s.openConflicts}`);
  return lines.join('\n');
}

export const syncCommand: Command = {
  name: 'sync',
  summary: '与县服务器同步 sync with the county server',
  help: HELP,
  async run(argv) {
    const { values } = parseFlags(argv, {
      data: { type: 'string' },
      server: { type: 'string' },
      code: { type: 'string' },
      ca: { type: 'string' },
      disconnect: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    });
    if ((values.server === undefined) !== (values.code === undefined)) {
      throw new AppError('invalid_input', { zh: '注册需要同时给出 --server 和 --code', en: 'Enrolling needs both --server and --code' });
    }
    if (values.disconnect && values.server !== undefined) {
      throw new AppError('invalid_input', { zh: '--disconnect 不能和 --server/--code 一起用', en: '--disconnect cannot be combined with --server/--code' });
    }
    await withCore(values.data, async (core) => {
      let status: SyncStatus;
      if (values.disconnect) {
        status = await call(core, 'sync.disconnect', {});
        console.log(values.json ? JSON.stringify(status, null, 2) : '已注销本机密钥，本机数据保留。Key revoked; local data kept.');
        return;
      }
      if (values.server !== undefined) {
        status = await call(core, 'sync.enrol', { serverUrl: values.server, code: values.code!, ...(values.ca ? { caFile: values.ca } : {}) });
        if (!values.json) console.log(`已注册到县服务器 Enrolled: ${status.serverUrl}（乡镇 township ${status.townshipId}）`);
      } else {
        status = await call(core, 'sync.now', {});
        if (status.state === 'not_enrolled') {
          throw new AppError('invalid_input', {
            zh: '这个数据文件夹还没有注册到县服务器：先用 --server URL --code CODE 注册',
            en: 'This data folder is not enrolled with a county server: enrol first with --server URL --code CODE',
          });
        }
      }
      console.log(values.json ? JSON.stringify(status, null, 2) : formatRound(status));
      if (status.problem) {
        throw new AppError(status.problem.kind === 'revoked' ? 'unauthorized' : 'unreachable', { zh: `同步失败：${status.problem.message}`, en: `Sync failed: ${status.problem.messageEn}` });
      }
    });
  },
};
