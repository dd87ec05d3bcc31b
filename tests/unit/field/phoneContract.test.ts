import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { phoneProcedures } from '../../../shared/contract/phone';
import { PHONE_UPLOAD_FIELDS, UPLOAD_INPUT_HEADER, encodeUploadInput } from '../../../shared/contract/uploads';
import { phoneHandlers, type PhoneHandlers } from '../../../electron/core/field/phoneApi';
import { createPhoneDispatch } from '../../../electron/core/field/phoneDispatch';
import { authenticate } from '../../../electron/core/services/teams/tokens';
import { blockage, eventCount, ok, tinyJpeg } from '../blockages/helpers';
import { closeServers, fieldRig, teamWithToken } from './helpers';

afterEach(closeServers);

describe('the phone contract', () => {
  it('has exactly one handler per phone procedure (a missing one fails tsc)', () => {
    expect(Object.keys(phoneHandlers).sort()).toEqual(Object.keys(phoneProcedures).sort());
    // @ts-expect-error -- a table without phone.report must not compile.
    const incomplete: PhoneHandlers = { 'phone.me': phoneHandlers['phone.me'], 'phone.blockages': phoneHandlers['phone.blockages'], 'phone.update': phoneHandlers['phone.update'] };
    expect(Object.keys(incomplete)).toHaveLength(3);
    // Every procedure that takes a photo as bytes exists in the table.
    for (const name of Object.keys(PHONE_UPLOAD_FIELDS)) expect(Object.keys(phoneProcedures)).toContain(name);
  });

  it('checks input and output with the contract, like the desk, and refuses unknown calls', async () => {
    const { core } = await fieldRig();
    const one = await teamWithToken(core, '一队');
    const dispatch = createPhoneDispatch(core.ctx);
    const caller = authenticate(core.ctx, one.token);
    expect(await dispatch('phone.me', {}, caller)).toMatchObject({ ok: true, value: { team: { name: '一队' } } });
    expect(await dispatch('phone.me', { extra: 1 }, caller)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch('settings.get', {}, caller)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatch('toString', {}, caller)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('field server: photos as bytes', () => {
  it('takes a photo as the body (octet-stream) with the update in the header, and retries stay single', async () => {
    const { url, core } = await fieldRig();
    const one = await teamWithToken(core, '一队');
    const id = await blockage(core);
    await ok(core, 'blockages.assign', { id, teamId: one.teamId });
    const before = eventCount(core);
    const input = { clientId: randomUUID(), blockageId: id, action: 'cleared', note: '已挖开', photo: { fileName: 'IMG_1.jpg' } };
    const send = () =>
      fetch(`${url}api/phone.update`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${one.token}`, 'Content-Type': 'application/octet-stream', [UPLOAD_INPUT_HEADER]: encodeUploadInput(input) },
        body: tinyJpeg(),
      });
    const first = await send();
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ status: 'cleared', duplicate: false });
    expect(await (await send()).json()).toMatchObject({ duplicate: true });
    expect(eventCount(core)).toBe(before + 1);
    const detail = await ok<{ events: { hasPhoto: boolean; note: string }[] }>(core, 'blockages.get', { id });
    expect(detail.events.at(-1)).toMatchObject({ hasPhoto: true, note: '已挖开' });
    // Bytes that are not a photo, and bytes without a token, are refused and write nothing.
    const notPhoto = await fetch(`${url}api/phone.update`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${one.token}`, 'Content-Type': 'application/octet-stream', [UPLOAD_INPUT_HEADER]: encodeUploadInput({ ...input, clientId: randomUUID() }) },
      body: Buffer.from('MZ\x90\x00 executable'),
    });
    expect(notPhoto.status).toBe(400);
    const noToken = await fetch(`${url}api/phone.update`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream', [UPLOAD_INPUT_HEADER]: encodeUploadInput(input) }, body: tinyJpeg() });
    expect(noToken.status).toBe(401);
    // Over the port's one limit: JSON 413, whether JSON or bytes.
    const big = await fetch(`${url}api/phone.update`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${one.token}`, 'Content-Type': 'application/octet-stream', [UPLOAD_INPUT_HEADER]: encodeUploadInput({ ...input, clientId: randomUUID() }) },
      body: tinyJpeg(12 * 1024 * 1024),
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    expect(eventCount(core)).toBe(before + 1);
    expect((await fetch(`${url}api/health`)).status).toBe(200);
  });
});
