import { connect } from 'node:net';

/** What came back for raw bytes: the status of the first answer (null if none) and whether the server closed. */
export interface RawAnswer {
  status: number | null;
  text: string;
  closed: boolean;
}

/**
 * Send raw bytes on a fresh TCP connection and collect what comes back until the server closes
 * or `waitMs` passes. For what a browser or fetch would never send.
 */
export function rawExchange(port: number, bytes: string | Buffer, opts: { waitMs?: number; endAfterWrite?: boolean } = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (closed: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('utf8');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : null, text, closed });
    };
    const timer = setTimeout(() => finish(false), opts.waitMs ?? 3000);
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      // One full answer (headers and a Content-Length body) is enough.
      const text = Buffer.concat(chunks).toString('latin1');
      const head = text.indexOf('\r\n\r\n');
      const len = /\r\ncontent-length: (\d+)/i.exec(text);
      if (head >= 0 && len && text.length - head - 4 >= Number(len[1])) finish(false);
    });
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.on('connect', () => {
      socket.write(bytes, () => {
        if (opts.endAfterWrite) socket.end();
      });
    });
  });
}

/** How long until the server closes an idle connection that sent `bytes` (ms), or null if it stays open for `maxMs`. */
export function closesWithin(port: number, bytes: string, maxMs: number): Promise<{ ms: number | null; text: string }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ ms: null, text });
    }, maxMs);
    socket.on('data', (c: Buffer) => (text += c.toString('utf8')));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ ms: Date.now() - started, text });
    });
    socket.on('error', () => undefined);
    socket.on('connect', () => {
      if (bytes) socket.write(bytes);
    });
  });
}
