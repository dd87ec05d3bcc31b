import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runningServer, startField, stopField } from '../../../electron/core/field/registry';
import { tempCore, tempDir } from '../../helpers/tempDir';
import type { Core } from '../../../electron/core/app';

const cores: Core[] = [];
afterAll(async () => {
  for (const core of cores) await stopField(core.ctx);
});

/** A built-renderer folder whose phone page says which one it is. */
function rendererFolder(title: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'field.html'), `<!doctype html><title>${title}</title>`);
  mkdirSync(join(dir, 'assets'));
  return dir;
}

describe('the phone page comes from the renderer folder the entry point gave its own core', () => {
  it('two cores in one process each serve their own phone page', async () => {
    const a = await tempCore({ rendererDir: rendererFolder('现场甲') });
    const b = await tempCore({ rendererDir: rendererFolder('现场乙') });
    cores.push(a, b);
    const pages: string[] = [];
    for (const core of [a, b]) {
      await startField(core.ctx, { port: 0, host: '127.0.0.1' });
      const port = runningServer(core.ctx)!.port;
      pages.push(await (await fetch(`http://127.0.0.1:${port}/`)).text());
    }
    expect(pages[0]).toContain('现场甲');
    expect(pages[1]).toContain('现场乙');
  });
});
