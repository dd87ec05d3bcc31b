/**
 * Where a new token's QR code points (issue 12): the county server's phone page once the desk is
 * enrolled (its public address when the server gave one), this PC's LAN addresses otherwise.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { IssuedToken } from '../../../shared/contract/field';
import type { SyncStatus } from '../../../shared/contract/syncDesk';
import { tempCore } from '../../helpers/tempDir';
import { ok, team, type Core } from '../blockages/helpers';
import { startFakeCounty, type FakeCounty } from '../sync/fakeCounty';
import { json } from '../sync/fakeServer';

let county: FakeCounty | null = null;
afterEach(async () => {
  await county?.close();
  county = null;
});

/** A fake county whose enrol answer names (or not) a public URL. */
async function countyAnswering(publicUrl: string | null | undefined): Promise<FakeCounty> {
  const c = await startFakeCounty();
  const base = c.server.handle;
  c.server.handle = (req, res) => {
    if (req.path !== '/sync/enrol') return base(req, res);
    const body = JSON.parse(req.body.toString()) as { townshipId: string };
    json(res, 200, { townshipId: body.townshipId, townshipName: '双河乡', key: 'b'.repeat(64), ...(publicUrl === undefined ? {} : { publicUrl }) });
  };
  return c;
}

async function issue(core: Core): Promise<IssuedToken> {
  const t = await team(core, '一队');
  return ok<IssuedToken>(core, 'field.issueToken', { teamId: t.id, label: '张三' });
}

const offline = { transport: { timeoutMs: 2_000, attempts: 1, retryDelayMs: () => 5 } };

describe('the QR link of a phone token', () => {
  it('is this PC’s LAN addresses (HTTPS first) while the desk is not enrolled', async () => {
    const core = await tempCore();
    const issued = await issue(core);
    expect(issued.links.length).toBeGreaterThan(0);
    expect(issued.links.every((l) => l.kind === 'lan')).toBe(true);
    expect(issued.links[0]!.url).toMatch(/^https:\/\/[\d.]+:\d+\/#t=/);
  });

  it('is the county server’s public phone page once enrolled, with the token in the #fragment only', async () => {
    county = await countyAnswering('https://fxb.county.example/draindesk/');
    const core = await tempCore({ syncOptions: offline });
    const enrolled = await ok<SyncStatus>(core, 'sync.enrol', { serverUrl: county.server.url, code: 'abcd-efgh-2345-6789' });
    expect(enrolled.phoneUrl).toBe('https://fxb.county.example/draindesk/field/');
    const issued = await issue(core);
    // The LAN field server is off, so the county page is the only address offered.
    expect(issued.links).toHaveLength(1);
    expect(issued.links[0]).toMatchObject({ kind: 'county', address: 'fxb.county.example', url: `https://fxb.county.example/draindesk/field/#t=${issued.secret}` });
    expect(issued.links[0]!.qrSvg).toContain('<svg');
  });

  it('falls back to the address the desk enrolled at when the server names none (an older server)', async () => {
    county = await countyAnswering(undefined);
    const core = await tempCore({ syncOptions: offline });
    await ok<SyncStatus>(core, 'sync.enrol', { serverUrl: county.server.url, code: 'abcd-efgh-2345-6789' });
    const renewed = await ok<IssuedToken>(core, 'field.renewToken', { tokenId: (await issue(core)).token.id });
    expect(renewed.links.map((l) => [l.kind, l.url])).toEqual([['county', `${county.server.url}/field/#t=${renewed.secret}`]]);
  });
});
