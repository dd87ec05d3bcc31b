import { join, resolve } from 'node:path';
import type { RestoreResult } from '../../../../shared/contract/system';
import { restoreFromFile } from '../../services/backups/restoreService';
import { call, DATA_FLAG_HELP, parseFlags, withCore, type Command } from '../command';

const HELP = `用法 Usage: npm run cli -- backup --data DIR [--list] [--restore FILE] [--json]
  用 SQLite 在线备份复制数据库到 DIR/backups（分步复制，不影响正在使用的程序）。
  Copies the live database into DIR/backups with SQLite's online backup, in steps (the running
  app keeps writing meanwhile).
    --list          只列出已有备份 only list existing backups
    --restore FILE  用备份文件替换当前数据：先检查完整性和版本，再留一份“恢复前”备份；
                    照片和已签发日报一并恢复。用 --restore 该“恢复前”备份即可撤销。
                    restore FILE in place of the current data: checked first (integrity,
                    version), a pre-restore copy is kept (restore that copy to undo); photos
                    and issued sheet PDFs come back too
    --json          输出 JSON output JSON
${DATA_FLAG_HELP}`;

function describeRestore(r: RestoreResult, backupsDir: string): string {
  const c = r.contents;
  return [
    `已恢复 Restored: ${r.restored}`,
    `  ${c.townshipName}：要素 ${c.features} features, 堵点 ${c.blockages} blockages, 出动 ${c.deployments} deployments, 日报 ${c.sheets} sheets`,
    r.migratedFrom < r.schemaVersion ? `  已从数据版本 ${r.migratedFrom} 升级到 ${r.schemaVersion} (migrated from schema ${r.migratedFrom})` : '',
    `  恢复前的数据另存为 The data before the restore: ${join(backupsDir, r.safetyCopy.fileName)}`,
  ]
    .filter(Boolean)
    .join('\n');
}

export const backupCommand: Command = {
  name: 'backup',
  summary: '备份与恢复数据库 back up and restore the database',
  help: HELP,
  async run(argv) {
    const { values } = parseFlags(argv, {
      data: { type: 'string' },
      list: { type: 'boolean', default: false },
      restore: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    await withCore(values.data, async (core) => {
      if (values.list) {
        const backups = await call(core, 'backup.list', {});
        if (values.json) console.log(JSON.stringify(backups, null, 2));
        else for (const b of backups) console.log(`${b.createdAt}  ${b.reason.padEnd(13)}  ${b.fileName}`);
        return;
      }
      if (values.restore !== undefined) {
        // A path anywhere (a USB stick), which the UI's procedure does not take.
        const result = await restoreFromFile(core.ctx, resolve(values.restore));
        if (values.json) console.log(JSON.stringify({ ...result, safetyCopyPath: join(core.ctx.backupsDir, result.safetyCopy.fileName) }, null, 2));
        else console.log(describeRestore(result, core.ctx.backupsDir));
        return;
      }
      const backup = await call(core, 'backup.create', {});
      if (values.json) console.log(JSON.stringify({ ...backup, path: join(core.ctx.backupsDir, backup.fileName) }, null, 2));
      else console.log(`已备份 Backed up: ${join(core.ctx.backupsDir, backup.fileName)}`);
    });
  },
};
