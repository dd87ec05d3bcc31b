import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import 'maplibre-gl/dist/maplibre-gl.css';
import '../src/styles/app.css';
import './county.css';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { Locale } from '../../shared/contract/settings';
import { I18nProvider } from '../src/i18n/I18n';
import { countyApi } from './api';
import { CountyApp, type FirstAnswers } from './CountyApp';

function Root({ first }: { first: FirstAnswers }) {
  const [locale, setLocale] = useState<Locale>(() => (localStorage.getItem('county.locale') === 'en' ? 'en' : 'zh'));
  const change = (l: Locale) => {
    localStorage.setItem('county.locale', l);
    document.documentElement.lang = l === 'en' ? 'en' : 'zh-CN';
    setLocale(l);
  };
  return (
    <I18nProvider locale={locale} setLocale={change}>
      <CountyApp first={first} />
    </I18nProvider>
  );
}

// Asked before React draws anything (issue 15): the session and the county's extent are what the
// map waits for, one after the other, when each is asked only once its component has mounted.
const first: FirstAnswers = { session: countyApi.session(), extent: countyApi.extent() };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root first={first} />
  </StrictMode>,
);
