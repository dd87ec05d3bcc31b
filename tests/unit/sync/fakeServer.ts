import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface FakeRequest {
  method: string;
  path: string;
  auth: string | undefined;
  body: Buffer;
}

/** A scripted stand-in for the county server: each request goes to `handle`, every request is kept. */
export interface FakeServer {
  url: string;
  requests: FakeRequest[];
  handle: (req: FakeRequest, res: ServerResponse) => void;
  close(): Promise<void>;
}

/** Answer JSON with a status. */
export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startFakeServer(handle: FakeServer['handle'] = (_r, res) => json(res, 404, {})): Promise<FakeServer> {
  const fake: FakeServer = { url: '', requests: [], handle, close: async () => undefined };
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { method: req.method ?? '', path: req.url ?? '', auth: req.headers.authorization, body: Buffer.concat(chunks) };
      fake.requests.push(r);
      fake.handle(r, res);
    });
  });
  const listening = await listenLocal(server);
  fake.url = listening.url;
  fake.close = listening.close;
  return fake;
}

/** Listen on a free loopback port; answers the URL and a close that also drops open connections. */
export async function listenLocal(server: Server): Promise<{ url: string; close(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
