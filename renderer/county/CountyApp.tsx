import { useEffect, useState } from 'react';
import type { CountySession } from '../../shared/contract/county';
import { useI18n } from '../src/i18n/I18n';
import { countyApi } from './api';
import { LoginScreen } from './LoginScreen';
import { Overview } from './Overview';

/** The county page: the login form until there is a session, then the overview. */
export function CountyApp() {
  const { t } = useI18n();
  const [session, setSession] = useState<CountySession | null | undefined>(undefined);
  useEffect(() => {
    countyApi.session().then(setSession, () => setSession(null));
  }, []);
  if (session === undefined) return <div className="loading">{t('county.loading')}</div>;
  if (!session) return <LoginScreen onLogin={setSession} />;
  return <Overview session={session} onLogout={() => setSession(null)} />;
}
