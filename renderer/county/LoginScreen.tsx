import { useState, type FormEvent } from 'react';
import type { CountySession } from '../../shared/contract/county';
import { useI18n } from '../src/i18n/I18n';
import { CountyApiError, countyApi } from './api';

/** 县防汛办登录: user name and password; the server answers with an HttpOnly session cookie. */
export function LoginScreen({ onLogin }: { onLogin(s: CountySession): void }) {
  const { t, locale, setLocale, errorText } = useI18n();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onLogin(await countyApi.login(name, password));
    } catch (err) {
      setError(err instanceof CountyApiError ? errorText(err.wire) : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="county-login">
      <form onSubmit={submit} aria-labelledby="county-login-title">
        <h1 id="county-login-title">{t('county.login.title')}</h1>
        <label>
          {t('county.login.name')}
          <input name="name" autoComplete="username" required value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        </label>
        <label>
          {t('county.login.password')}
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && (
          <p className="banner banner-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('county.login.busy') : t('county.login.submit')}
        </button>
        <button type="button" className="link" onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')}>
          {locale === 'zh' ? 'English' : '中文'}
        </button>
      </form>
    </main>
  );
}
