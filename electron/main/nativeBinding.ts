import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where scripts/native-electron.mjs puts better-sqlite3 built for one Electron version. */
export function electronBindingPath(root: string, electronVersion: string): string {
  return join(root, 'build', 'native', `electron-v${electronVersion}-${process.platform}-${process.arch}`, 'better_sqlite3.node');
}

/**
 * In development the Electron-ABI build sits beside the Node build (which tests use), so neither
 * overwrites the other. Packaged apps are rebuilt for Electron by electron-builder and need none.
 */
export function nativeBindingForDev(root: string, electronVersion: string): string | undefined {
  const path = electronBindingPath(root, electronVersion);
  return existsSync(path) ? path : undefined;
}
