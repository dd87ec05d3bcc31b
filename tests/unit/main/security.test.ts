import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../../electron/main/appProtocol';
import { createInvokeHandler } from '../../../electron/main/ipc';
import { allowNavigation, isTrustedSender, secureWebPreferences } from '../../../electron/main/security';
import { tempDir } from '../../helpers/tempDir';

describe('desktop window security', () => {
  it('turns on every item of the Electron checklist', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    });
  });

  it('allows navigation only within app://draindesk', () => {
    expect(allowNavigation('app://draindesk/index.html#/settings')).toBe(true);
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://other/index.html', 'http://127.0.0.1:8686/', 'javascript:alert(1)', 'not a url']) {
      expect(allowNavigation(url)).toBe(false);
    }
  });

  it('trusts IPC only from the main frame on the app origin', () => {
    expect(isTrustedSender({ url: 'app://draindesk/index.html', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://draindesk/index.html', parent: {} })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});

describe('IPC invoke handler', () => {
  it('relays calls from the app and refuses others without reaching the core', async () => {
    const calls: string[] = [];
    const handler = createInvokeHandler(async (procedure) => {
      calls.push(procedure);
      return { ok: true, value: 'done' };
    });
    expect(await handler({ senderFrame: { url: 'app://draindesk/index.html', parent: null } }, 'settings.get', {})).toEqual({ ok: true, value: 'done' });
    const refused = await handler({ senderFrame: { url: 'https://evil.example/', parent: null } }, 'settings.update', { townshipName: 'x' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const badName = await handler({ senderFrame: { url: 'app://draindesk/', parent: null } }, { toString: () => 'x' }, {});
    expect(badName).toMatchObject({ ok: false, error: { code: 'unknown_procedure' } });
    expect(calls).toEqual(['settings.get']);
  });
});

describe('app:// protocol', () => {
  it('serves the renderer with a CSP and refuses paths outside it', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html>');
    writeFileSync(join(root, 'assets', 'a.js'), 'x');
    writeFileSync(join(root, '..', 'outside.txt'), 'secret');
    const handle = createAppProtocolHandler(root);
    const index = await handle({ url: 'app://draindesk/index.html' });
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await handle({ url: 'app://draindesk/assets/a.js' })).headers.get('content-type')).toContain('javascript');
    for (const url of ['app://draindesk/../outside.txt', 'app://draindesk/%2e%2e/outside.txt', 'app://draindesk/assets/..%2f..%2foutside.txt', 'app://other/index.html']) {
      expect((await handle({ url })).status).toBe(404);
    }
  });
});
