import { useEffect } from 'react';
import { invoke } from '../api/client';
import { useI18n } from '../i18n/I18n';
import { useApp } from './AppContext';
import { PageBoundary } from './PageBoundary';
import { pages } from './pages';
import './pageStyles';
import { useHashRoute } from './useHashRoute';
import { SyncChip } from './SyncChip';
import { SyncStatusProvider } from './SyncStatus';

/** The window: title bar with the township, the navigation, the sync state, and the current page. */
export function Shell() {
  const { t, locale, setLocale } = useI18n();
  const { settings } = useApp();
  const [route, go] = useHashRoute(pages[0]!.id);
  const page = pages.find((p) => p.id === route) ?? pages[0]!;
  // A new office's empty data folder opens on the first-run setup instead of a blank map; a
  // link to a page (#/settings, …) still opens that page.
  useEffect(() => {
    const atStart = () => window.location.hash.replace(/^#\/?/, '') === '';
    if (!atStart()) return;
    // Only while the user has not gone anywhere yet: a click on 设置 meanwhile wins.
    void invoke('setup.status', {}).then((s) => s.needed && atStart() && go('setup'), () => undefined);
    // Once, when the window opens: later visits to the map are the user's choice.
  }, []);
  return (
    <SyncStatusProvider>
      <div className="shell">
        <header className="topbar">
          <div className="brand">
            <span className="brand-mark" aria-hidden>
              ≋
            </span>
            <span className="brand-name">{t('app.title')}</span>
            <span className="brand-township" data-testid="township-name">
              {settings.townshipName}
            </span>
          </div>
          <nav className="nav" aria-label="主导航">
            {pages.filter((p) => !p.hidden).map((p) => (
              <a
                key={p.id}
                href={`#/${p.id}`}
                className={p.id === page.id ? 'nav-item active' : 'nav-item'}
                aria-current={p.id === page.id ? 'page' : undefined}
                onMouseEnter={p.preload}
                onFocus={p.preload}
                onClick={(e) => {
                  e.preventDefault();
                  go(p.id);
                }}
              >
                {t(p.label)}
              </a>
            ))}
          </nav>
          <SyncChip onOpen={() => go('settings')} />
          <button type="button" className="lang-switch" onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')}>
            {t('lang.switch')}
          </button>
        </header>
        <main className="page" id="main">
          <PageBoundary key={page.id}>
            <page.Component />
          </PageBoundary>
        </main>
      </div>
    </SyncStatusProvider>
  );
}
