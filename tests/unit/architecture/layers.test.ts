import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering rules are only worth having if they fire: lint a forbidden import in each layer.
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('layer boundaries', () => {
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
