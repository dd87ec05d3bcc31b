import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/contract/errors';
import type { FieldToken } from '../../../../shared/contract/field';
import type { CoreContext } from '../../context';
import type { TeamDbRow, TokenDbRow } from '../../db/repositories/teamRepository';
import { liveTeam, teamRepo } from './teamService';

/** Tokens are 32 random bytes, base64url (43 characters): far beyond guessing, so SHA-256 suffices. */
export function hashToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

function toToken(row: TokenDbRow, teamName: string): FieldToken {
  return { id: row.id, teamId: row.team_id, teamName, hint: row.hint, label: row.label, createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at };
}

/** A new token for one phone of a team. The secret is returned once; only its hash is kept. */
export function issueToken(ctx: CoreContext, teamId: string, label: string): { token: FieldToken; secret: string } {
  const team = liveTeam(ctx, teamId);
  const secret = randomBytes(32).toString('base64url');
  const at = ctx.now().toISOString();
  const row: TokenDbRow = {
    id: randomUUID(),
    township_id: ctx.townshipId,
    team_id: team.id,
    token_hash: hashToken(secret),
    hint: secret.slice(-4),
    label,
    source: ctx.source,
    last_used_at: null,
    revoked_at: null,
    created_at: at,
    updated_at: at,
  };
  teamRepo(ctx).insertToken(row, { batchId: randomUUID(), source: ctx.source, at, action: 'issue' });
  return { token: toToken(row, team.name), secret };
}

export function listTokens(ctx: CoreContext, opts: { teamId?: string | undefined; includeRevoked?: boolean | undefined }): FieldToken[] {
  return teamRepo(ctx)
    .tokens({ ...(opts.teamId ? { teamId: opts.teamId } : {}), includeRevoked: opts.includeRevoked ?? false })
    .map((r) => toToken(r, r.team_name));
}

function liveToken(ctx: CoreContext, tokenId: string): TokenDbRow {
  const row = teamRepo(ctx).token(tokenId);
  if (!row) throw new AppError('not_found', { zh: '找不到该口令', en: 'No such token' });
  return row;
}

/** Revoke one token: the phone holding it is refused from its next request on. */
export function revokeToken(ctx: CoreContext, tokenId: string): FieldToken {
  const row = liveToken(ctx, tokenId);
  const team = liveTeam(ctx, row.team_id);
  teamRepo(ctx).revokeToken(tokenId, { batchId: randomUUID(), source: ctx.source, at: ctx.now().toISOString(), action: 'revoke' });
  return toToken(teamRepo(ctx).token(tokenId)!, team.name);
}

/** Revoke a token and issue its replacement for the same team and label. */
export function renewToken(ctx: CoreContext, tokenId: string): { token: FieldToken; secret: string } {
  return ctx.db.transaction(() => {
    const row = liveToken(ctx, tokenId);
    teamRepo(ctx).revokeToken(tokenId, { batchId: randomUUID(), source: ctx.source, at: ctx.now().toISOString(), action: 'revoke' });
    return issueToken(ctx, row.team_id, row.label);
  })();
}

const unauthorized = (zh: string, en: string) => new AppError('unauthorized', { zh, en });

/** Last-used times are written at most once a minute per token, not on every request. */
const TOUCH_EVERY_MS = 60_000;

/** The 401 for a token nobody issued (the county server answers it too, for a token no desk has synced). */
export function unknownTokenError(): AppError {
  return unauthorized('口令不正确：请重新扫描办公室的二维码', 'Wrong token: scan the office QR code again');
}

/** Where a token check looks tokens and teams up (the desk's repository; the county server's warm copy of it). */
export interface TokenLookup {
  tokenByHash(hash: string): TokenDbRow | undefined;
  get(teamId: string): TeamDbRow | undefined;
}

/**
 * The team a secret belongs to, or 401: no token, an unknown one, a revoked one, or one whose
 * team was deleted. Reads only: the county server checks phones with it against the synced hashes.
 */
export function checkToken(lookup: TokenLookup, secret: string | null): { team: TeamDbRow; token: TokenDbRow } {
  if (!secret) throw unauthorized('缺少口令：请用办公室给的二维码打开本页', 'No token: open this page from the QR code the office gave you');
  if (secret.length > 200) throw unauthorized('口令不正确', 'Wrong token');
  const token = lookup.tokenByHash(hashToken(secret));
  if (!token) throw unknownTokenError();
  if (token.revoked_at) throw unauthorized('口令已作废：请向办公室要新的二维码', 'This token was revoked: ask the office for a new QR code');
  const team = lookup.get(token.team_id);
  if (!team || team.deleted_at) throw unauthorized('作业队已被删除', 'The team was deleted');
  return { team, token };
}

/**
 * The desk's check (the LAN field server): `checkToken`, then the token's last-used time is
 * written (at most once a minute). Nothing else is written.
 */
export function authenticate(ctx: CoreContext, secret: string | null): { team: TeamDbRow; token: TokenDbRow } {
  const repo = teamRepo(ctx);
  const { team, token } = checkToken(repo, secret);
  const now = ctx.now();
  if (!token.last_used_at || now.getTime() - Date.parse(token.last_used_at) > TOUCH_EVERY_MS) repo.touchToken(token.id, now.toISOString());
  return { team, token };
}
