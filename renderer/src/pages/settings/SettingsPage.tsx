import { useEffect, useState, type ReactNode } from 'react';
import type { Settings } from '../../../../shared/contract/settings';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n, type MessageKey } from '../../i18n/I18n';
import { useApp } from '../../shell/AppContext';
import { BackupPanel } from './BackupPanel';
import { BasemapSettings } from './BasemapSettings';
import { SettingsHistory } from './SettingsHistory';
import { SetupCard } from './SetupCard';
import { useSettingsForm } from './useSettingsForm';

function Field(props: { id: string; label: string; hint?: string; issue?: string; children: ReactNode }) {
  return (
    <div className={props.issue ? 'field has-error' : 'field'}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.issue ? (
        <div className="field-error" id={`${props.id}-error`}>
          {props.issue}
        </div>
      ) : props.hint ? (
        <div className="field-hint">{props.hint}</div>
      ) : null}
    </div>
  );
}

/** The township's settings: read and written through the contract, with history and undo. */
export function SettingsPage() {
  const { t, locale } = useI18n();
  const { settings, setSettings } = useApp();
  const form = useSettingsForm(settings, setSettings);
  const [version, setVersion] = useState(0);
  const { draft, setDraft } = form;
  const issue = (path: string) => {
    const i = form.issueFor(path);
    return i ? (locale === 'en' ? i.messageEn : i.message) : undefined;
  };
  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => setDraft({ ...draft, [key]: value });
  const setUnit = <K extends keyof Settings['units']>(key: K, value: Settings['units'][K]) =>
    setDraft({ ...draft, units: { ...draft.units, [key]: value } });

  useEffect(() => setVersion((v) => v + 1), [settings]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        if (form.dirty && !form.busy) void form.save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const unitOptions = (key: keyof Settings['units'], values: string[]) => (
    <select
      id={`units-${key}`}
      value={draft.units[key]}
      onChange={(e) => setUnit(key, e.target.value as never)}
    >
      {values.map((v) => (
        <option key={v} value={v}>
          {t(`units.${v}` as MessageKey)}
        </option>
      ))}
    </select>
  );

  return (
    <div className="page-grid">
      <section className="card">
        <h1>{t('settings.title')}</h1>
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void form.save();
          }}
        >
          <Field id="townshipName" label={t('settings.township')} hint={t('settings.townshipHint')} issue={issue('townshipName')}>
            <input
              id="townshipName"
              name="townshipName"
              value={draft.townshipName}
              onChange={(e) => set('townshipName', e.target.value)}
              aria-invalid={!!issue('townshipName')}
              autoComplete="off"
            />
          </Field>
          <Field id="issuingOffice" label={t('settings.office')} issue={issue('issuingOffice')}>
            <input id="issuingOffice" name="issuingOffice" value={draft.issuingOffice} onChange={(e) => set('issuingOffice', e.target.value)} />
          </Field>
          <Field id="seasonStart" label={t('settings.seasonStart')} hint={t('settings.seasonStartHint')} issue={issue('seasonStart')}>
            <input id="seasonStart" name="seasonStart" type="date" value={draft.seasonStart} onChange={(e) => set('seasonStart', e.target.value)} />
          </Field>
          <fieldset className="field">
            <legend>{t('settings.units')}</legend>
            <div className="inline-fields">
              <label htmlFor="units-volume">{t('settings.units.volume')}</label>
              {unitOptions('volume', ['wan_m3', 'm3'])}
              <label htmlFor="units-length">{t('settings.units.length')}</label>
              {unitOptions('length', ['m', 'km'])}
              <label htmlFor="units-area">{t('settings.units.area')}</label>
              {unitOptions('area', ['mu', 'ha'])}
            </div>
          </fieldset>
          <BasemapSettings value={draft.basemap} onChange={(basemap) => set('basemap', basemap)} />
          <div className="actions">
            <button type="submit" className="primary" disabled={!form.dirty || form.busy} title={t('settings.shortcut')}>
              {form.busy ? t('common.saving') : t('common.save')}
            </button>
            <button type="button" onClick={() => void form.undo()} disabled={form.busy}>
              {t('common.undo')}
            </button>
            {form.dirty ? (
              <span className="muted">{t('settings.unsaved')}</span>
            ) : form.savedAt ? (
              <span className="ok" role="status">
                {t('common.saved')}
              </span>
            ) : null}
          </div>
          <ErrorBanner error={form.error} />
        </form>
      </section>
      <div className="stack">
        <SetupCard />
        <SettingsHistory version={version} />
        <BackupPanel />
      </div>
    </div>
  );
}
