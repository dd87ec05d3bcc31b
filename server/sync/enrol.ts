import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/contract/errors';
import type { EnrolRequest, EnrolResponse } from '../../shared/contract/sync';
import type { ServerContext } from '../context';
import { withTransaction } from '../db/pool';
import { TownshipRepository } from '../db/repositories/townshipRepository';
import { codeHash, newEnrolCode, newSyncKey, sha256Hex } from './secrets';

/**
 * Add a township (or give an existing one a new code, for a re-key or another desk) and answer its
 * one-time code. `revokeAll` stops every key of the township at once (a stolen or lost PC).
 */
export async function issueEnrolCode(
  ctx: ServerContext,
  name: string,
  mode: 'add' | 'rekey',
  opts: { revokeAll?: boolean } = {},
): Promise<{ townshipId: string; code: string; revoked: number }> {
  const trimmed = name.trim();
  if (trimmed === '') throw new AppError('invalid_input', { zh: '乡镇名称不能为空', en: 'The township name must not be empty' });
  return withTransaction(ctx.pool, async (c) => {
    const repo = new TownshipRepository(c);
    let township = await repo.byName(trimmed);
    if (mode === 'add') {
      if (township) {
        throw new AppError('conflict', {
          zh: `乡镇“${trimmed}”已存在；要给它新的注册码，请用 admin rekey-township --name ${trimmed}`,
          en: `The township “${trimmed}” exists; for a new code use admin rekey-township --name ${trimmed}`,
        });
      }
      await repo.create(randomUUID(), trimmed);
      township = (await repo.byName(trimmed))!;
    } else if (!township) {
      throw new AppError('not_found', { zh: `没有名为“${trimmed}”的乡镇`, en: `No township named “${trimmed}”` });
    }
    const revoked = opts.revokeAll ? await repo.revokeKeys(township.id) : 0;
    const code = newEnrolCode();
    await repo.addCode(codeHash(code), township.id);
    return { townshipId: township.id, code, revoked };
  });
}

/**
 * Trade a one-time code for a long-lived key. The code is consumed; on the first enrolment the
 * township adopts the desk's own township id; an earlier key of the same installation is revoked.
 */
export async function enrolDesk(ctx: ServerContext, req: EnrolRequest): Promise<EnrolResponse> {
  return withTransaction(ctx.pool, async (c) => {
    const repo = new TownshipRepository(c);
    const township = await repo.consumeCode(codeHash(req.code));
    if (!township) {
      throw new AppError('unauthorized', {
        zh: '注册码无效或已使用；请县防汛办重新生成注册码（admin rekey-township）',
        en: 'The code is unknown or was used already; ask the county office for a new one (admin rekey-township)',
      });
    }
    let townshipId = township.id;
    if (!township.enrolled_at && township.id !== req.townshipId) {
      const taken = await repo.byId(req.townshipId);
      if (taken) {
        throw new AppError('conflict', {
          zh: `本机的乡镇编号已属于服务器上的“${taken.name}”；请用该乡镇的注册码`,
          en: `This desk's township id belongs to “${taken.name}” on the server; use that township's code`,
        });
      }
      await repo.adoptId(township.id, req.townshipId);
      townshipId = req.townshipId;
    }
    await repo.markEnrolled(townshipId);
    // A township may have several desks (an office with two PCs): a new code replaces the key of the
    // same installation (a re-key), never another desk's, whose sync would otherwise stop.
    await repo.revokeInstallationKeys(townshipId, req.installationId);
    const key = newSyncKey();
    await repo.addKey(sha256Hex(key), townshipId, req.installationId);
    return { townshipId, townshipName: township.name, key, publicUrl: ctx.publicUrl };
  });
}

/** The township a bearer key belongs to; 401 for a missing, unknown or revoked key. */
export async function authenticateKey(ctx: ServerContext, authorization: string | undefined): Promise<{ townshipId: string; keyHash: string }> {
  const m = /^Bearer ([0-9a-f]{64})$/.exec(authorization ?? '');
  const refuse = () =>
    new AppError('unauthorized', {
      zh: '同步密钥无效或已撤销；请在“设置 → 联网同步”中重新注册',
      en: 'The sync key is unknown or revoked; enrol again in Settings → Sync',
    });
  if (!m) throw refuse();
  const keyHash = sha256Hex(m[1]!);
  const townshipId = await new TownshipRepository(ctx.pool).townshipOfKey(keyHash);
  if (!townshipId) throw refuse();
  return { townshipId, keyHash };
}
