import { createContext, useContext, type ReactNode } from 'react';
import type { Locale } from '../../../shared/contract/settings';
import type { WireError } from '../../../shared/contract/errors';
import { en, zh, type MessageKey } from './messages';
import { fill } from './fill';

const tables: Record<Locale, Record<MessageKey, string>> = { zh, en };

interface I18nValue {
  locale: Locale;
  setLocale(locale: Locale): void;
  /** The text for `key`, with `{name}` placeholders filled from `values`. */
  t(key: MessageKey, values?: Record<string, string | number>): string;
  /** A core error in the current language. */
  errorText(error: WireError): string;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider(props: { locale: Locale; setLocale(l: Locale): void; children: ReactNode }) {
  const table = tables[props.locale];
  const value: I18nValue = {
    locale: props.locale,
    setLocale: props.setLocale,
    t: (key, values) => (values ? fill(table[key], values) : table[key]),
    errorText: (error) => (props.locale === 'en' ? error.messageEn : error.message),
  };
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

/** The current language's text lookup. */
export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

export type { MessageKey };
