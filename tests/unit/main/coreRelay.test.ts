import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCoreRelay, type CorePort, type CoreReply, type CoreRequest } from '../../../electron/main/coreRelay';
import { serveCore, type ParentPort } from '../../../electron/core/host/coreService';
import { tempDir } from '../../helpers/tempDir';

/** Wires main's relay to the core's service the way a utilityProcess does, in one process. */
function pipe() {
  const toCore = new EventEmitter();
  const toMain = new EventEmitter();
  const mainSide = {
    postMessage: (m: CoreRequest) => toCore.emit('message', { data: m }),
    on: (event: string, listener: (...args: unknown[]) => void) => toMain.on(event, listener),
  } as unknown as CorePort;
  const coreSide: ParentPort = {
    on: (_event, listener) => void toCore.on('message', listener),
    postMessage: (m) => toMain.emit('message', m as CoreReply),
  };
  return { mainSide, coreSide, exit: (code: number) => toMain.emit('exit', code) };
}

describe('main ↔ core relay', () => {
  it('carries calls to the core and matches replies to their calls', async () => {
    const { mainSide, coreSide } = pipe();
    const core = await serveCore(coreSide, { dataDir: tempDir(), transport: 'ipc' });
    const relay = createCoreRelay(mainSide);
    const [a, b] = await Promise.all([relay('settings.update', { townshipName: '三合乡' }), relay('settings.update', { bogus: 1 })]);
    expect(a).toMatchObject({ ok: true, value: { townshipName: '三合乡' } });
    expect(b).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    core?.close();
  });

  it('answers every call with the open error when the database is corrupt', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'draindesk.sqlite'), 'garbage '.repeat(1000));
    const { mainSide, coreSide } = pipe();
    expect(await serveCore(coreSide, { dataDir: dir, transport: 'ipc' })).toBeNull();
    const reply = await createCoreRelay(mainSide)('settings.get', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'db_corrupt' } });
  });

  it('answers waiting calls with an error when the core process exits', async () => {
    const { mainSide, exit } = pipe();
    const relay = createCoreRelay(mainSide);
    const waiting = relay('settings.get', {});
    exit(9);
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
