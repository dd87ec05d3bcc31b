// Lint keeps the layers apart (as VS Code's import rules do): shared/ runs in both Node and the
// browser, renderer/ never touches Node or Electron, electron/core/ never imports Electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'util', 'zlib', 'stream', 'worker_threads', 'better-sqlite3'];

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'release/**', 'node_modules/**', 'tests/e2e/artifacts/**', 'bench/out/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: [...nodeBuiltins, 'electron', 'react', 'react-dom', 'react-dom/*', 'maplibre-gl'], message: 'shared/ runs in Node and the browser: no Node, Electron or UI imports.' },
          { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ must not depend on electron/ or renderer/.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: [...nodeBuiltins, 'electron'], message: 'renderer/ runs in a sandboxed page: no Node or Electron imports; call the core through api/client.' },
          { group: ['**/electron/**'], message: 'renderer/ talks to the core only through the contract (renderer/src/api/client.ts).' },
        ],
      }],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron'], message: 'electron/core/ must run without Electron (tests, browser mode, CLI).' },
          { group: ['**/renderer/**', '**/electron/main/**', '**/electron/preload/**'], message: 'the core must not depend on the shell or the UI.' },
        ],
      }],
    },
  },
  {
    // The phone page's service worker, served as plain JavaScript.
    files: ['renderer/public/*.js'],
    languageOptions: { globals: globals.serviceworker },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts', 'scripts/**/*.mjs', 'tests/**/*.ts', 'bench/**/*.ts', '*.config.{ts,js}'],
    languageOptions: { globals: globals.node },
  },
);
