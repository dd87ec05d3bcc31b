import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tempDir';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/core/cli/main.ts', ...args], { cwd: process.cwd(), encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('cli import/export of projected and binary files', () => {
  it('imports a Gauss-Krüger shapefile with --crs EPSG:4529, printing the CRS used and every warning, then exports a GBK Shapefile', () => {
    const data = tempDir();
    const file = 'tests/fixtures/network/gk-zone41-shp.zip';
    const r = cli('import', file, '--data', data, '--crs', 'epsg:4529', '--yes');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('识别的坐标系 Detected CRS: EPSG:4529');
    expect(r.out).toContain('使用的坐标系 CRS used: EPSG:4529（--crs 指定 given by --crs）');
    // A preview warning (the .cpg) and a result warning (the multipart line) are both printed.
    expect(r.out).toContain('.cpg 写的是 UTF-8');
    expect(r.out).toContain('多段线');
    expect(r.out).toContain('坐标系 CRS EPSG:4529');
    const out = join(tempDir(), 'net.zip');
    const e = cli('export', '--data', data, '--format', 'shapefile', '--out', out);
    expect(e.code, e.err).toBe(0);
    const files = unzipSync(new Uint8Array(readFileSync(out)));
    expect(new TextDecoder().decode(files['ditches.cpg'])).toBe('GBK');
  }, 60_000);

  it('refuses an unknown --crs, naming the accepted ones', () => {
    const r = cli('import', 'tests/fixtures/network/gk-zone41-shp.zip', '--data', tempDir(), '--crs', 'EPSG:9999');
    expect(r.code).toBe(2);
    expect(r.err).toContain('EPSG:4529');
  }, 60_000);
});
