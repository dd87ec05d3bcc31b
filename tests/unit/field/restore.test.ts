import { afterEach, describe, expect, it } from 'vitest';
import type { Backup } from '../../../shared/contract/system';
import { ok } from '../blockages/helpers';
import { call, closeServers, fieldRig, teamWithToken } from './helpers';

afterEach(closeServers);

describe('the field server through a restore', () => {
  it('stays up and answers phones from the restored file', { timeout: 30_000 }, async () => {
    const { url, core } = await fieldRig();
    const { token } = await teamWithToken(core, '一队');
    const backup = await ok<Backup>(core, 'backup.create', {});
    await ok(core, 'settings.update', { townshipName: '恢复后不应看到' });
    expect((await call(url, 'phone.me', {}, token)).status).toBe(200);

    await ok(core, 'backup.restore', { fileName: backup.fileName });
    const after = await call(url, 'phone.me', {}, token);
    expect(after.status).toBe(200); // the team and its token are in the backup too
    expect(JSON.stringify(after.body)).not.toContain('恢复后不应看到');
  });
});
