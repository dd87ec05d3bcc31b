import { AppError, type WireError } from '../../../shared/contract/errors';
import { DESK_UPLOAD_FIELDS, uploadField } from '../../../shared/contract/uploads';
import { openCore, type Core, type CoreOptions } from '../app';
import { bytesAtUploadField } from './http/uploadInput';

/** The message channel to Electron main (process.parentPort in a utilityProcess). */
export interface ParentPort {
  on(event: 'message', listener: (e: { data: { id: number; procedure: string; input: unknown } }) => void): void;
  postMessage(message: unknown): void;
}

/**
 * Answer main's relayed calls. If the data cannot be opened (corrupt, newer version), every call
 * is answered with that error so the window can show it instead of hanging.
 */
export async function serveCore(port: ParentPort, options: CoreOptions): Promise<Core | null> {
  let core: Core | null = null;
  let failure: WireError | null = null;
  try {
    core = await openCore(options);
  } catch (error) {
    failure =
      error instanceof AppError
        ? error.toWire()
        : new AppError('internal', { zh: `无法打开数据：${String(error)}`, en: `Cannot open the data: ${String(error)}` }).toWire();
  }
  port.on('message', ({ data }) => {
    if (!core) {
      port.postMessage({ id: data.id, result: { ok: false, error: failure } });
      return;
    }
    // A file comes over IPC as bytes (a Uint8Array at its field), never as base64 made in the page.
    const input = bytesAtUploadField(data.input, uploadField(DESK_UPLOAD_FIELDS, data.procedure));
    void core.dispatch(data.procedure, input).then((result) => port.postMessage({ id: data.id, result }));
  });
  return core;
}
