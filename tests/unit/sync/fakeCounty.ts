import type { ServerResponse } from 'node:http';
import type { ChangeEntry } from '../../../shared/contract/changeFeed';
import { json, startFakeServer, type FakeRequest, type FakeServer } from './fakeServer';

/**
 * A county server reduced to the protocol's promises (shared/contract/sync.ts): push is
 * idempotent by change id, pull answers the feed after a numeric cursor, blobs by hash. `fail`
 * lets a test break the next matching request (drop the connection, or answer a status).
 */
export interface FakeCounty {
  server: FakeServer;
  feed: ChangeEntry[];
  blobs: Map<string, Buffer>;
  pushes: number;
  pulls: number;
  fail: ((req: FakeRequest) => 'drop' | number | null) | null;
  close(): Promise<void>;
}

export async function startFakeCounty(): Promise<FakeCounty> {
  const county: FakeCounty = { server: null as unknown as FakeServer, feed: [], blobs: new Map(), pushes: 0, pulls: 0, fail: null, close: async () => undefined };
  const handle = (req: FakeRequest, res: ServerResponse) => {
    const failure = county.fail?.(req) ?? null;
    if (failure === 'drop') return void res.socket?.destroy();
    if (typeof failure === 'number') return json(res, failure, { error: { code: 'x', message: `status ${failure}` } });
    if (req.path === '/sync/push') {
      county.pushes++;
      const { entries } = JSON.parse(req.body.toString()) as { entries: ChangeEntry[] };
      const have = new Set(county.feed.map((e) => e.changeId));
      const fresh = entries.filter((e) => !have.has(e.changeId));
      county.feed.push(...fresh);
      return json(res, 200, { accepted: fresh.length, duplicates: entries.length - fresh.length, conflicts: 0 });
    }
    if (req.path === '/sync/disconnect') return json(res, 200, { revoked: true });
    if (req.path === '/sync/pull') {
      county.pulls++;
      const { since, limit } = JSON.parse(req.body.toString()) as { since: string; limit: number };
      const from = since === '' ? 0 : Number(since);
      const entries = county.feed.slice(from, from + limit);
      const cursor = String(from + entries.length);
      return json(res, 200, { entries, cursor: entries.length ? cursor : since, more: from + entries.length < county.feed.length });
    }
    const blob = /^\/sync\/blob\/([0-9a-f]{64})$/.exec(req.path);
    if (blob && req.method === 'PUT') {
      county.blobs.set(blob[1]!, req.body);
      return json(res, 200, { hash: blob[1], bytes: req.body.length, stored: true });
    }
    if (blob && req.method === 'GET') {
      const bytes = county.blobs.get(blob[1]!);
      if (!bytes) return json(res, 404, { error: { code: 'not_found', message: 'no blob' } });
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return void res.end(bytes);
    }
    json(res, 404, { error: { code: 'not_found', message: req.path } });
  };
  county.server = await startFakeServer(handle);
  county.close = () => county.server.close();
  return county;
}
