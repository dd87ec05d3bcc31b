import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering rules are only worth having if they fire: lint a forbidden import in each layer.
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('layer boundaries', { timeout: 60_000 }, () => {
  it.each([
    ['shared/calc/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['shared/contract/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['renderer/src/x.ts', "import { join } from 'node:path';\nexport const x = join;\n"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
    ['renderer/src/x.ts', "import { openCore } from '../../electron/core/app';\nexport const x = openCore;\n"],
    ['electron/core/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
  ])('%s may not: %s', async (file, code) => {
    expect(await ruleIds(file, code)).toContain('no-restricted-imports');
  });

  it.each([
    ['electron/core/x.ts', "import { join } from 'node:path';\nexport const x = join;\n"],
    ['electron/main/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['renderer/src/x.ts', "import { procedures } from '../../shared/contract';\nexport const x = procedures;\n"],
  ])('%s may: %s', async (file, code) => {
    expect(await ruleIds(file, code)).not.toContain('no-restricted-imports');
  });
});

describe('layer boundaries by resolved path', { timeout: 60_000 }, () => {
  it.each([
    ['electron/core/sheets/x.ts', "import { printViewUrl } from '../../main/print';\nexport const x = printViewUrl;\n"],
    ['electron/core/x.ts', "import { App } from '../../renderer/src/App';\nexport const x = App;\n"],
    ['shared/contract/x.ts', "import { openCore } from '../../electron/core/app';\nexport const x = openCore;\n"],
    ['renderer/src/pages/x.ts', "import { dataPaths } from '../../../electron/core/paths';\nexport const x = dataPaths;\n"],
  ])('%s may not reach across layers relatively: %s', async (file, code) => {
    expect(await ruleIds(file, code)).toContain('import-x/no-restricted-paths');
  });

  it('lets a layer import its own files and shared/', async () => {
    expect(await ruleIds('electron/core/sheets/x.ts', "import { AppError } from '../../../shared/contract/errors';\nimport { dataPaths } from '../paths';\nexport const x = [AppError, dataPaths];\n")).not.toContain(
      'import-x/no-restricted-paths',
    );
  });
});

describe('import cycles', { timeout: 60_000 }, () => {
  it('fails on one: the database holder importing the core that imports it', async () => {
    // app.ts imports db/holder.ts; this holder would import app.ts back.
    const code = "import { openCore } from '../app';\nexport const again = openCore;\nexport class DatabaseHolder {}\n";
    expect(await ruleIds('electron/core/db/holder.ts', code)).toContain('import-x/no-cycle');
  });

  it('passes the real holder, which imports nothing of the core', async () => {
    const { readFileSync } = await import('node:fs');
    const code = readFileSync('electron/core/db/holder.ts', 'utf8');
    expect(await ruleIds('electron/core/db/holder.ts', code)).not.toContain('import-x/no-cycle');
  });
});

