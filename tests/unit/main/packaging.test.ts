import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Target { target: string; arch: string[] }
const config = parse(readFileSync('electron-builder.yml', 'utf8')) as {
  win: { target: Target[] };
  linux: { target: Target[]; maintainer?: string };
  nsis: { language: string; oneClick: boolean };
  electronFuses: Record<string, boolean>;
  npmRebuild: boolean;
  asarUnpack: string[];
  extraResources: { from: string; to: string }[];
};
const archsOf = (targets: Target[], name: string) => targets.find((t) => t.target === name)?.arch ?? [];

describe('installers (electron-builder.yml)', () => {
  it('builds a Chinese NSIS installer for Windows x64', () => {
    expect(archsOf(config.win.target, 'nsis')).toEqual(['x64']);
    expect(config.nsis.language).toBe('2052');
    expect(config.nsis.oneClick).toBe(false);
  });

  it('builds deb and AppImage for Linux on x64 and arm64 (UOS/Kylin PCs)', () => {
    for (const name of ['deb', 'AppImage']) expect(archsOf(config.linux.target, name).sort()).toEqual(['arm64', 'x64']);
    expect(config.linux.maintainer).toBeTruthy();
  });

  it('flips the security fuses and rebuilds the native module for Electron', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**/*');
  });

  it('ships the division list the first-run setup reads', () => {
    expect(config.extraResources).toContainEqual({ from: 'resources/divisions', to: 'divisions' });
  });
});
