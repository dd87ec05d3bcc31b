import { randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { AppError } from '../../shared/contract/errors';
import type { ServerContext } from '../context';
import { UserRepository } from '../db/repositories/userRepository';
import { sha256Hex } from '../sync/secrets';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;
const PARAMS = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
/** A login lasts a working day and a night shift. */
export const SESSION_HOURS = 16;
export const SESSION_COOKIE = 'dd_county';

/** `scrypt$N$r$p$salt$hash` (base64), so the parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, 32, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [tag, n, r, p, salt, hash] = stored.split('$');
  if (tag !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const got = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: PARAMS.maxmem });
  return got.length === expected.length && timingSafeEqual(got, expected);
}

/** Add a county viewer (or set a new password). */
export async function addCountyUser(ctx: ServerContext, name: string, password: string): Promise<{ created: boolean }> {
  if (name.trim() === '') throw new AppError('invalid_input', { zh: '用户名不能为空', en: 'The user name must not be empty' });
  if (password.length < 8) throw new AppError('invalid_input', { zh: '密码至少 8 个字符', en: 'The password must have at least 8 characters' });
  const created = await new UserRepository(ctx.pool).upsert(randomUUID(), name.trim(), await hashPassword(password));
  return { created };
}

/** Check a login and open a session: the cookie token and the CSRF token the page sends back in a header. */
export async function login(ctx: ServerContext, name: string, password: string): Promise<{ token: string; csrf: string }> {
  const repo = new UserRepository(ctx.pool);
  const user = await repo.byName(name);
  // The same slow check runs for an unknown name, so timing does not tell which names exist.
  const ok = await verifyPassword(password, user?.password_hash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
  if (!user || !ok) throw new AppError('unauthorized', { zh: '用户名或密码不正确', en: 'Wrong user name or password' });
  const token = randomBytes(32).toString('hex');
  const csrf = randomBytes(24).toString('hex');
  await repo.addSession(sha256Hex(token), user.id, csrf, new Date(ctx.now().getTime() + SESSION_HOURS * 3600_000));
  return { token, csrf };
}

/** The session of a request's cookie, or null. */
export async function sessionOf(ctx: ServerContext, cookieHeader: string | undefined): Promise<{ name: string; csrf: string; tokenHash: string } | null> {
  const token = parseCookies(cookieHeader)[SESSION_COOKIE];
  if (!token || !/^[0-9a-f]{64}$/.test(token)) return null;
  const tokenHash = sha256Hex(token);
  const s = await new UserRepository(ctx.pool).session(tokenHash);
  return s ? { ...s, tokenHash } : null;
}

export async function logout(ctx: ServerContext, tokenHash: string): Promise<void> {
  await new UserRepository(ctx.pool).dropSession(tokenHash);
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) out[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return out;
}

/** The Set-Cookie header of a session: HttpOnly, SameSite=Strict, Secure behind HTTPS. */
export function sessionCookie(token: string, secure: boolean, maxAgeSeconds = SESSION_HOURS * 3600): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}
