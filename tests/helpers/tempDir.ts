import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openCore, type Core, type CoreOptions } from '../../electron/core/app';

const made: string[] = [];
const cores: Core[] = [];

/** A fresh folder removed after the test. */
export function tempDir(prefix = 'draindesk-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A core on a fresh data folder, closed after the test. */
export async function tempCore(options: Partial<CoreOptions> = {}): Promise<Core> {
  const core = await openCore({ dataDir: tempDir(), transport: 'test', ...options });
  cores.push(core);
  return core;
}

afterEach(() => {
  for (const core of cores.splice(0)) {
    try {
      core.close();
    } catch {
      // already closed by the test
    }
  }
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});
