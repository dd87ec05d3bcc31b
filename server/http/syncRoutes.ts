import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../../shared/contract/errors';
import { noInput } from '../../shared/contract/common';
import {
  MAX_BLOB_BYTES,
  MAX_SYNC_BODY_BYTES,
  blobHash,
  enrolRequestSchema,
  pullRequestSchema,
  pushRequestSchema,
} from '../../shared/contract/sync';
import type { ServerContext } from '../context';
import { BlobRepository } from '../db/repositories/blobRepository';
import { TownshipRepository } from '../db/repositories/townshipRepository';
import { authenticateKey, enrolDesk } from '../sync/enrol';
import { pullEntries } from '../sync/pull';
import { pushEntries } from '../sync/push';
import { sha256Hex } from '../sync/secrets';
import { readBody, readJson, sendBytes, sendJson } from './respond';

const methodNotAllowed = (method: string) =>
  new AppError('invalid_input', { zh: `此地址不接受 ${method} 请求`, en: `${method} is not accepted here` });

/** The desk ↔ server sync routes (shared/contract/sync.ts). Answers true when the path was one of them. */
export async function handleSync(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  if (!path.startsWith('/sync/')) return false;
  const method = req.method ?? 'GET';
  const blob = /^\/sync\/blob\/([^/]+)$/.exec(path);
  if (blob) {
    const { townshipId } = await authenticateKey(ctx, req.headers.authorization);
    const hash = blobHash.safeParse(blob[1]);
    if (!hash.success) throw new AppError('invalid_input', { zh: '文件名应为 64 位十六进制 SHA-256', en: 'The blob name must be a 64-digit hex SHA-256' });
    const repo = new BlobRepository(ctx.pool);
    if (method === 'PUT') {
      const bytes = await readBody(req, MAX_BLOB_BYTES);
      if (sha256Hex(bytes) !== hash.data) {
        throw new AppError('invalid_input', { zh: '文件内容与其 SHA-256 不符（传输中损坏？），未保存', en: 'The bytes do not match their SHA-256 (damaged in transit?); not stored' });
      }
      const stored = await repo.put(hash.data, townshipId, bytes);
      sendJson(res, 200, { hash: hash.data, bytes: bytes.length, stored });
    } else if (method === 'GET' || method === 'HEAD') {
      const bytes = await repo.get(hash.data);
      if (!bytes) throw new AppError('not_found', { zh: '服务器上没有这个文件', en: 'The server has no such blob' });
      sendBytes(res, 200, bytes, 'application/octet-stream', { 'Cache-Control': 'private, max-age=31536000, immutable' });
    } else throw methodNotAllowed(method);
    return true;
  }
  if (method !== 'POST') throw methodNotAllowed(method);
  switch (path) {
    case '/sync/enrol': {
      const input = await readJson(req, enrolRequestSchema, 64 * 1024);
      sendJson(res, 200, await enrolDesk(ctx, input));
      return true;
    }
    case '/sync/disconnect': {
      const { keyHash } = await authenticateKey(ctx, req.headers.authorization);
      await readJson(req, noInput, 64 * 1024);
      await new TownshipRepository(ctx.pool).revokeKey(keyHash);
      sendJson(res, 200, { revoked: true });
      return true;
    }
    case '/sync/push': {
      // The key first: an unknown key learns nothing about the batch and nothing is written.
      const { townshipId } = await authenticateKey(ctx, req.headers.authorization);
      const input = await readJson(req, pushRequestSchema, MAX_SYNC_BODY_BYTES);
      sendJson(res, 200, await pushEntries(ctx, townshipId, input.entries));
      return true;
    }
    case '/sync/pull': {
      const { townshipId } = await authenticateKey(ctx, req.headers.authorization);
      const input = await readJson(req, pullRequestSchema, 64 * 1024);
      sendJson(res, 200, await pullEntries(ctx, townshipId, input.since, input.limit));
      return true;
    }
    default:
      throw new AppError('not_found', { zh: `没有同步接口 ${path}`, en: `No sync route ${path}` });
  }
}
