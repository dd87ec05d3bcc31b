import { AppError } from '../../../../shared/contract/errors';
import { phoneLinks } from '../../field/links';
import { ensureTeam } from '../../services/teams/teamService';
import { issueToken } from '../../services/teams/tokens';
import { DATA_FLAG_HELP, parseFlags, withCore, type Command } from '../command';

const HELP = `用法 Usage:
  npm run -s cli -- field-token --data DIR --team NAME [--label TEXT] [--json]

为作业队生成一个现场手机口令（没有该作业队时先创建）。口令只显示这一次：数据库只存它的散列值，
所以每次运行都会生成一个新口令（旧口令仍然有效，可在“堵点 → 作业队”中作废）。
已注册到县服务器时，链接指向县服务器的现场页面；否则是本机局域网地址。
Prints a new field token for a team (creating the team if needed). It is shown only now: only its
hash is stored, so each run issues a new one (earlier ones stay valid until revoked in the app).
The link is the county server's phone page when this folder is enrolled, else this PC's LAN addresses.
  --team NAME    作业队名称 team name
  --label TEXT   说明，如“张三的手机” label, e.g. whose phone
  --json         输出 JSON（token、团队、链接） print JSON (token, team, links)
${DATA_FLAG_HELP}`;

export const fieldTokenCommand: Command = {
  name: 'field-token',
  summary: '生成作业队的现场口令 print a field team token',
  help: HELP,
  async run(argv) {
    const { values } = parseFlags(argv, {
      data: { type: 'string' },
      team: { type: 'string' },
      label: { type: 'string', default: '' },
      json: { type: 'boolean', default: false },
    });
    const name = values.team?.trim();
    if (!name) throw new AppError('invalid_input', { zh: '请用 --team 指定作业队名称', en: 'Name the team with --team' });
    if (name.length > 30) throw new AppError('invalid_input', { zh: '队名不超过 30 个字', en: 'team name is at most 30 characters' });
    await withCore(values.data, async (core) => {
      const team = ensureTeam(core.ctx, name);
      const { token, secret } = issueToken(core.ctx, team.id, values.label.trim().slice(0, 30));
      // The county server's phone page when this folder is enrolled, else the LAN field server's addresses.
      const links = phoneLinks(core.ctx).map((u) => `${u.url}#t=${secret}`);
      if (values.json) {
        console.log(JSON.stringify({ token: secret, tokenId: token.id, team: { id: team.id, name: team.name }, links }, null, 2));
        return;
      }
      console.log(secret);
      console.error(`作业队 team: ${team.name}\n现场链接 field link: ${links[0]}`);
    });
  },
};
