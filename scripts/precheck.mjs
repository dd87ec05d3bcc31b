// npm test's first step: say exactly what this machine lacks for the tests, and the command that
// installs it, before any test runs (a bare Playwright or initdb error helps nobody; issue 17).
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/** What the test suite needs from the system, each with the Debian package that provides it. */
export function systemNeeds(env = process.env) {
  const pgBin = env.DRAINDESK_PG_BIN ?? '/usr/lib/postgresql/15/bin';
  const pgShare = env.DRAINDESK_PG_SHARE ?? '/usr/share/postgresql/15';
  const onPath = (cmd) => {
    try {
      execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore', env });
      return true;
    } catch {
      return false;
    }
  };
  // CHROMIUM_PATH, when set, is the browser the tests will use, so it is the one that must exist.
  const chromium = env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : ['/usr/bin/chromium'];
  const cjkFonts = env.DRAINDESK_CJK_FONT_DIR ?? '/usr/share/fonts/opentype/noto';
  return [
    { what: 'Chromium（端到端测试与 PDF）Chromium for e2e tests and PDFs', pkg: 'chromium', ok: chromium.some((p) => existsSync(p)) },
    { what: '中文字体（截图与 PDF）CJK fonts for screenshots and PDFs', pkg: 'fonts-noto-cjk', ok: existsSync(cjkFonts) },
    { what: 'pdftotext / pdffonts（检查日报 PDF）to check sheet PDFs', pkg: 'poppler-utils', ok: onPath('pdftotext') && onPath('pdffonts') },
    {
      what: 'PostgreSQL 15 + PostGIS 3（县级服务器测试）for the county server tests',
      pkg: 'postgresql-15-postgis-3',
      ok: existsSync(`${pgBin}/initdb`) && existsSync(`${pgShare}/extension/postgis.control`),
    },
  ];
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const missing = systemNeeds().filter((n) => !n.ok);
  if (missing.length > 0) {
    console.error('测试前检查：本机缺少 / Pre-test check: this machine lacks');
    for (const m of missing) console.error(`  - ${m.what}  (${m.pkg})`);
    console.error(`\n安装 / Install with:\n  sudo apt-get install -y ${missing.map((m) => m.pkg).join(' ')}`);
    console.error('(或用 CHROMIUM_PATH 指定浏览器 / or point CHROMIUM_PATH at a Chromium-family browser)');
    process.exit(1);
  }
  console.log('测试前检查通过 / pre-test check ok: chromium, fonts, poppler-utils, PostgreSQL + PostGIS');
}
