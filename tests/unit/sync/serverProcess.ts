import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { listenLocal } from './fakeServer';

const ROOT = resolve(import.meta.dirname, '../../..');
const SERVER_ARGS = ['--import', 'tsx', resolve(ROOT, 'server/main.ts')];

/** `npm run server -- admin …` as a user runs it; answers the one-time code (its last line). */
export function adminCode(pg: string, sub: 'add-township' | 'rekey-township', name: string): string {
  const r = spawnSync(process.execPath, [...SERVER_ARGS, 'admin', sub, '--pg', pg, '--name', name], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`admin ${sub} failed: ${r.stderr}`);
  return r.stdout.trim().split('\n').pop()!.trim();
}

/** The county server as its own process (one node process, so SIGKILL kills the server itself). */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startServerProcess(pg: string, extra: string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...SERVER_ARGS, '--pg', pg, '--port', '0', '--host', '127.0.0.1', ...extra], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s: ${out} ${err}`)), 60_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening: (https?:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]!.replace(/\/$/, ''));
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
  return {
    url,
    child,
    kill: (signal = 'SIGTERM') =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill(signal);
      }),
  };
}

/**
 * A desk's network path to the server, which the test can cut (offline: every connection is
 * dropped) and re-point at a restarted server. `onPush` runs once a push request has been passed
 * on in full, so a test can kill the server while it is handling the push.
 */
export interface LinkProxy {
  url: string;
  target: string;
  offline: boolean;
  onPush: (() => void) | null;
  pushes: number;
  close(): Promise<void>;
}

export async function startProxy(target: string): Promise<LinkProxy> {
  const proxy: LinkProxy = { url: '', target, offline: false, onPush: null, pushes: 0, close: async () => undefined };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (proxy.offline) return void req.socket.destroy();
    const t = new URL(proxy.target);
    const upstream = request(
      { host: t.hostname, port: t.port, method: req.method, path: req.url, headers: { ...req.headers, host: t.host } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => req.socket.destroy());
    req.pipe(upstream);
    req.on('end', () => {
      if (req.url === '/sync/push') {
        proxy.pushes++;
        const hook = proxy.onPush;
        proxy.onPush = null;
        hook?.();
      }
    });
  });
  const listening = await listenLocal(server);
  proxy.url = listening.url;
  proxy.close = listening.close;
  return proxy;
}
