import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/contract/errors';
import { teamInputSchema, type Team, type TeamInput } from '../../../../shared/contract/blockages';
import type { CoreContext } from '../../context';
import { TeamRepository, type TeamDbRow } from '../../db/repositories/teamRepository';

export function teamRepo(ctx: Pick<CoreContext, 'db' | 'townshipId'>): TeamRepository {
  return new TeamRepository(ctx.db, ctx.townshipId);
}

function toTeam(row: TeamDbRow & { open_blockages?: number; active_tokens?: number }): Team {
  return {
    id: row.id,
    name: row.name,
    leader: row.leader,
    phone: row.phone,
    machines: { excavators: row.excavators, longArmExcavators: row.long_arm_excavators, dumpTrucks: row.dump_trucks, pumps: row.pumps },
    note: row.note,
    openBlockages: row.open_blockages ?? 0,
    activeTokens: row.active_tokens ?? 0,
    updatedAt: row.updated_at,
  };
}

/** Live teams, by name. */
export function listTeams(ctx: CoreContext): Team[] {
  return teamRepo(ctx).list().map(toTeam);
}

/** A live team or not_found. */
export function liveTeam(ctx: Pick<CoreContext, 'db' | 'townshipId'>, id: string): TeamDbRow {
  const row = teamRepo(ctx).get(id);
  if (!row || row.deleted_at) throw new AppError('not_found', { zh: '找不到该作业队，可能已被删除', en: 'No such team; it may have been deleted' });
  return row;
}

/** Create (no id) or edit a team; names are unique among live teams. */
export function saveTeam(ctx: CoreContext, raw: TeamInput): Team {
  const input = teamInputSchema.parse(raw);
  const repo = teamRepo(ctx);
  const id = ctx.db.transaction(() => {
    const at = ctx.now().toISOString();
    const clash = repo.byName(input.name);
    if (clash && clash.id !== input.id) {
      throw new AppError('conflict', { zh: `已有名为“${input.name}”的作业队`, en: `There is already a team named "${input.name}"` });
    }
    const fields = {
      name: input.name,
      leader: input.leader,
      phone: input.phone,
      excavators: input.machines.excavators,
      long_arm_excavators: input.machines.longArmExcavators,
      dump_trucks: input.machines.dumpTrucks,
      pumps: input.machines.pumps,
      note: input.note,
    };
    if (input.id) {
      const before = liveTeam(ctx, input.id);
      const after: TeamDbRow = { ...before, ...fields, updated_at: at };
      repo.write(after, { batchId: randomUUID(), source: ctx.source, at, action: 'update' });
      return before.id;
    }
    const row: TeamDbRow = { id: randomUUID(), township_id: ctx.townshipId, ...fields, source: ctx.source, created_at: at, updated_at: at, deleted_at: null };
    repo.insert(row, { batchId: randomUUID(), source: ctx.source, at, action: 'create' });
    return row.id;
  })();
  return toTeam(repo.list().find((t) => t.id === id)!);
}

/** Soft-delete a team with no open blockages; its tokens stop working at once. */
export function deleteTeam(ctx: CoreContext, id: string): { id: string } {
  const repo = teamRepo(ctx);
  ctx.db.transaction(() => {
    const before = liveTeam(ctx, id);
    const open = repo.openBlockageCount(id);
    if (open > 0) {
      throw new AppError('conflict', {
        zh: `“${before.name}”还有 ${open} 个未完成的堵点，请先改派或撤回`,
        en: `"${before.name}" still has ${open} open blockage(s); reassign or withdraw them first`,
      });
    }
    const at = ctx.now().toISOString();
    const after = { ...before, deleted_at: at, updated_at: at };
    const meta = { batchId: randomUUID(), source: ctx.source, at, action: 'delete' };
    repo.write(after, meta);
    repo.revokeTeamTokens(id, meta);
  })();
  return { id };
}

/** The live team of this name, created (with no machines) when there is none. For the CLI. */
export function ensureTeam(ctx: CoreContext, name: string): TeamDbRow {
  const existing = teamRepo(ctx).byName(name.trim());
  if (existing) return existing;
  const team = saveTeam(ctx, { name });
  return liveTeam(ctx, team.id);
}
