import { useCallback, useEffect, useState } from 'react';
import type { Settings, Locale } from '../../shared/contract/settings';
import { ApiError, invoke } from './api/client';
import { I18nProvider } from './i18n/I18n';
import { AppContext } from './shell/AppContext';
import { Shell } from './shell/Shell';

/** Loads the township's settings, then shows the shell in the chosen language. */
export function App() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [pendingImport, setPendingImport] = useState<File | null>(null);

  const load = useCallback(() => {
    setError(null);
    invoke('settings.get', {}).then(setSettings, (e: unknown) => setError(e instanceof ApiError ? e : new ApiError({ code: 'internal', message: String(e), messageEn: String(e) })));
  }, []);
  useEffect(load, [load]);

  useEffect(() => {
    if (settings) document.documentElement.lang = settings.locale === 'zh' ? 'zh-CN' : 'en';
  }, [settings]);

  if (error) {
    return (
      <div className="fatal" role="alert">
        <h1>排涝调度台无法打开数据 · DrainDesk cannot open its data</h1>
        <p>{error.wire.message}</p>
        <p lang="en">{error.wire.messageEn}</p>
        <button type="button" onClick={load}>
          重试 Retry
        </button>
      </div>
    );
  }
  if (!settings) return <div className="loading">正在加载… Loading…</div>;

  const setLocale = (locale: Locale) => {
    setSettings({ ...settings, locale });
    invoke('settings.update', { locale }).then(setSettings, () => setSettings(settings));
  };
  return (
    <AppContext.Provider value={{ settings, setSettings, pendingImport, setPendingImport }}>
      <I18nProvider locale={settings.locale} setLocale={setLocale}>
        <Shell />
      </I18nProvider>
    </AppContext.Provider>
  );
}
