import { join } from 'node:path';
import { call, DATA_FLAG_HELP, parseFlags, withCore, type Command } from '../command';

const HELP = `用法 Usage: npm run cli -- backup --data DIR [--list] [--json]
  用 SQLite 在线备份复制数据库到 DIR/backups（不影响正在使用的程序）。
  Copies the live database into DIR/backups with SQLite's online backup.
    --list   只列出已有备份 only list existing backups
    --json   输出 JSON output JSON
${DATA_FLAG_HELP}`;

export const backupCommand: Command = {
  name: 'backup',
  summary: '备份数据库 back up the database',
  help: HELP,
  async run(argv) {
    const { values } = parseFlags(argv, {
      data: { type: 'string' },
      list: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    });
    await withCore(values.data, async (core) => {
      if (values.list) {
        const backups = await call(core, 'backup.list', {});
        if (values.json) console.log(JSON.stringify(backups, null, 2));
        else for (const b of backups) console.log(`${b.createdAt}  ${b.reason.padEnd(13)}  ${b.fileName}`);
        return;
      }
      const backup = await call(core, 'backup.create', {});
      if (values.json) console.log(JSON.stringify({ ...backup, path: join(core.ctx.backupsDir, backup.fileName) }, null, 2));
      else console.log(`已备份 Backed up: ${join(core.ctx.backupsDir, backup.fileName)}`);
    });
  },
};
