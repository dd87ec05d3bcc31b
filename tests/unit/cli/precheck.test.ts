import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function precheck(env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['scripts/precheck.mjs'], { env: { ...process.env, ...env }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe('npm test pre-check', () => {
  it('names what is missing and prints the one apt-get line that installs it', () => {
    const r = precheck({ CHROMIUM_PATH: '/nonexistent/chromium', DRAINDESK_PG_BIN: '/nonexistent/pg' });
    expect(r.code).toBe(1);
    expect(r.out).toContain('Chromium');
    expect(r.out).toContain('PostgreSQL 15 + PostGIS 3');
    expect(r.out).toContain('sudo apt-get install -y chromium postgresql-15-postgis-3');
  });

  it('passes quietly on a machine that has everything (this one: .ci/run installs it)', () => {
    const r = precheck({});
    expect(r.code).toBe(0);
    expect(r.out).toContain('pre-test check ok');
  });
});
