import { useEffect, useState } from 'react';
import type { CountySession } from '../../shared/contract/county';
import { useI18n } from '../src/i18n/I18n';
import type { CountyExtent } from './api';
import { prewarmCountyMap } from './CountyMap';
import { LoginScreen } from './LoginScreen';
import { Overview } from './Overview';

/** The page's first questions, asked as its script starts (main.tsx). */
export interface FirstAnswers {
  session: Promise<CountySession>;
  /** The county's extent asked with the first session; it is only good for that session (a 401 before a login). */
  extent: Promise<CountyExtent>;
}

/** The county page: the login form until there is a session, then the overview. */
export function CountyApp({ first }: { first: FirstAnswers }) {
  const { t } = useI18n();
  const [session, setSession] = useState<CountySession | null | undefined>(undefined);
  // The extent asked at start belongs to the session asked at start; after a login or a logout the map asks again.
  const [extent, setExtent] = useState<Promise<CountyExtent> | undefined>(() => {
    first.extent.catch(() => undefined); // a 401 before a login is expected, not an unhandled rejection
    return first.extent;
  });
  useEffect(() => {
    first.session.then(
      (s) => {
        prewarmCountyMap(); // the map's workers load while the overview draws
        setSession(s);
      },
      () => setSession(null),
    );
  }, [first]);
  if (session === undefined) return <div className="loading">{t('county.loading')}</div>;
  const fresh = (s: CountySession | null) => {
    setExtent(undefined);
    setSession(s);
  };
  if (!session) return <LoginScreen onLogin={fresh} />;
  return <Overview session={session} extent={extent} onLogout={() => fresh(null)} />;
}
