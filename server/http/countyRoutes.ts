import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { isoDate } from '../../shared/contract/common';
import { AppError } from '../../shared/contract/errors';
import { parseInput } from '../../shared/contract/validation';
import { getSeries } from '../../electron/core/services/totals/totalsService';
import type { ServerContext } from '../context';
import { TileRepository } from '../db/repositories/tileRepository';
import { TownshipRepository } from '../db/repositories/townshipRepository';
import { login, logout, sessionCookie, sessionOf } from '../county/auth';
import { projectTownship } from '../county/projection';
import { countyReport, townshipTotals } from '../county/report';
import { rollupPdf } from '../county/rollupPdf';
import { rollupXlsx } from '../county/rollupXlsx';
import { readJson, sendBytes, sendJson } from './respond';

const loginSchema = z.strictObject({ name: z.string().min(1).max(100), password: z.string().min(1).max(200) });
const dateSchema = z.strictObject({ date: isoDate });
const townshipSchema = z.strictObject({ townshipId: z.string().min(1).max(64), date: isoDate });
const SMALL = 64 * 1024;

const needLogin = () => new AppError('unauthorized', { zh: '请先登录', en: 'Please log in' });

/** A state-changing request must carry the session's CSRF token in a header (a cross-site form cannot set one). */
function checkCsrf(req: IncomingMessage, csrf: string): void {
  if (req.headers['x-csrf-token'] !== csrf) {
    throw new AppError('forbidden', { zh: '请求缺少有效的防伪令牌，请刷新页面', en: 'Missing or wrong CSRF token; reload the page' });
  }
}

function requirePost(req: IncomingMessage): void {
  if (req.method !== 'POST') throw new AppError('invalid_input', { zh: '请用 POST 调用接口', en: 'Use POST for API calls' });
}

const isSecure = (ctx: ServerContext, req: IncomingMessage) =>
  (req.socket as { encrypted?: boolean }).encrypted === true || (ctx.publicUrl ?? '').startsWith('https:');

/** The county's pages' API and tiles: login with a session cookie, then read only. Answers true when the path was one of them. */
export async function handleCounty(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  if (path === '/county/api/login') {
    requirePost(req);
    const input = await readJson(req, loginSchema, SMALL);
    const s = await login(ctx, input.name, input.password);
    sendJson(res, 200, { name: input.name, csrf: s.csrf }, { 'Set-Cookie': sessionCookie(s.token, isSecure(ctx, req)) });
    return true;
  }
  const tile = /^\/tiles\/(\d{1,2})\/(\d{1,7})\/(\d{1,7})\.pbf$/.exec(path);
  if (!path.startsWith('/county/api/') && !tile) return false;
  const session = await sessionOf(ctx, req.headers.cookie);
  if (!session) throw needLogin();
  if (tile) {
    const [z, x, y] = [Number(tile[1]), Number(tile[2]), Number(tile[3])];
    if (z > 22 || x >= 2 ** z || y >= 2 ** z) throw new AppError('invalid_input', { zh: '瓦片编号超出范围', en: 'Tile coordinates out of range' });
    const body = await new TileRepository(ctx.pool).tile(z, x, y);
    sendBytes(res, 200, body, 'application/vnd.mapbox-vector-tile', { 'Cache-Control': 'private, max-age=30' });
    return true;
  }
  const url = new URL(req.url ?? '/', 'http://x');
  switch (path) {
    case '/county/api/session':
      sendJson(res, 200, { name: session.name, csrf: session.csrf });
      return true;
    case '/county/api/logout':
      requirePost(req);
      checkCsrf(req, session.csrf);
      await logout(ctx, session.tokenHash);
      sendJson(res, 200, { ok: true }, { 'Set-Cookie': sessionCookie('', isSecure(ctx, req), 0) });
      return true;
    case '/county/api/extent':
      sendJson(res, 200, { bbox: await new TileRepository(ctx.pool).extent() });
      return true;
    case '/county/api/report': {
      requirePost(req);
      checkCsrf(req, session.csrf);
      const { date } = await readJson(req, dateSchema, SMALL);
      sendJson(res, 200, await countyReport(ctx, date));
      return true;
    }
    case '/county/api/township': {
      requirePost(req);
      checkCsrf(req, session.csrf);
      const { townshipId, date } = await readJson(req, townshipSchema, SMALL);
      const township = await new TownshipRepository(ctx.pool).byId(townshipId);
      if (!township) throw new AppError('not_found', { zh: '没有这个乡镇', en: 'No such township' });
      const totals = await townshipTotals(ctx, township, date);
      const p = await projectTownship(ctx, township);
      try {
        sendJson(res, 200, { township: { id: township.id, name: township.name }, totals, series: getSeries(p.core, undefined, date) });
      } finally {
        p.close();
      }
      return true;
    }
    case '/county/api/rollup.pdf':
    case '/county/api/rollup.xlsx': {
      // A GET (a download link), read only: the SameSite=Strict cookie keeps other sites out.
      const { date } = parseInput(dateSchema, { date: url.searchParams.get('date') ?? '' });
      const report = await countyReport(ctx, date);
      if (path.endsWith('.pdf')) {
        sendBytes(res, 200, await rollupPdf(report), 'application/pdf', { 'Content-Disposition': `inline; filename="county-rollup-${date}.pdf"` });
      } else {
        sendBytes(res, 200, await rollupXlsx(report), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', {
          'Content-Disposition': `attachment; filename="county-rollup-${date}.xlsx"`,
        });
      }
      return true;
    }
    default:
      throw new AppError('not_found', { zh: `没有接口 ${path}`, en: `No route ${path}` });
  }
}
