import { useState } from 'react';
import type { WireError } from '../../../../shared/contract/errors';
import type { Basemap } from '../../../../shared/contract/settings';
import { ApiError, invoke } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n, type MessageKey } from '../../i18n/I18n';
import { useApp } from '../../shell/AppContext';
import { BasemapStep } from './BasemapStep';
import { FirstDataStep, type FirstData } from './FirstDataStep';
import { TownshipStep, villageList, type TownshipChoice } from './TownshipStep';

const STEPS: MessageKey[] = ['setup.township', 'setup.season', 'setup.basemap', 'setup.firstData'];

/**
 * The first-run path of a new office (issue 17): township from the national list with its villages,
 * season start and issuing office, a basemap, then the first data. Nothing is saved until the last
 * step, and then all of it at once; 跳过 leaves everything as it was.
 */
export function SetupPage() {
  const { t } = useI18n();
  const { settings, setSettings, setPendingImport } = useApp();
  const [step, setStep] = useState(0);
  const [choice, setChoice] = useState<TownshipChoice | null>(null);
  const [seasonStart, setSeasonStart] = useState(`${new Date().getFullYear()}-06-01`);
  const [office, setOffice] = useState<string | null>(null);
  const [basemap, setBasemap] = useState<Basemap>(settings.basemap);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const officeValue = office ?? (choice ? `${choice.name}防汛抗旱指挥部办公室` : settings.issuingOffice);

  const goMap = () => void (window.location.hash = '#/map');
  const attempt = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      if (e instanceof ApiError) setError(e.wire);
      else throw e;
    } finally {
      setBusy(false);
    }
  };

  const skip = () =>
    attempt(async () => {
      await invoke('setup.skip', {});
      setSettings(await invoke('settings.get', {}));
      goMap();
    });

  const finish = (data: FirstData) =>
    attempt(async () => {
      if (data.kind === 'sample') {
        await invoke('setup.sample', {});
      } else {
        if (!choice) throw new ApiError({ code: 'invalid_input', message: t('setup.pickFirst'), messageEn: t('setup.pickFirst') });
        await invoke('setup.apply', {
          townshipCode: choice.detail.code,
          townshipName: choice.name,
          villages: villageList(choice.villagesText),
          seasonStart,
          issuingOffice: officeValue,
          basemap,
        });
        if (data.kind === 'import') setPendingImport(data.file);
      }
      setSettings(await invoke('settings.get', {}));
      goMap();
    });

  const canNext = step !== 0 || choice !== null;
  return (
    <div className="setup-page">
      <section className="card setup-card" aria-labelledby="setup-title">
        <div className="setup-head">
          <h1 id="setup-title">{t('setup.title')}</h1>
          <button type="button" onClick={() => void skip()} disabled={busy}>
            {t('setup.skip')}
          </button>
        </div>
        <p className="muted">{t('setup.intro')}</p>
        <ol className="setup-steps">
          {STEPS.map((key, i) => (
            <li key={key} className={i === step ? 'current' : i < step ? 'done' : ''} aria-current={i === step ? 'step' : undefined}>
              {t(key)}
            </li>
          ))}
        </ol>
        <h2>
          {t(STEPS[step]!)} <span className="muted small">{t('setup.step', { n: step + 1 })}</span>
        </h2>
        {step === 0 && <TownshipStep choice={choice} onChoose={setChoice} />}
        {step === 1 && (
          <div className="setup-step">
            <div className="field">
              <label htmlFor="setup-season">{t('setup.seasonStart')}</label>
              <input id="setup-season" type="date" value={seasonStart} onChange={(e) => setSeasonStart(e.target.value)} />
              <div className="field-hint">{t('setup.seasonHint')}</div>
            </div>
            <div className="field">
              <label htmlFor="setup-office">{t('setup.office')}</label>
              <input id="setup-office" value={officeValue} onChange={(e) => setOffice(e.target.value)} />
            </div>
          </div>
        )}
        {step === 2 && <BasemapStep value={basemap} onChange={setBasemap} />}
        {step === 3 && <FirstDataStep busy={busy} onFinish={(d) => void finish(d)} />}
        <ErrorBanner error={error} />
        <div className="actions end">
          {busy && <span className="muted">{t('setup.saving')}</span>}
          <button type="button" onClick={() => setStep(step - 1)} disabled={step === 0 || busy}>
            {t('setup.back')}
          </button>
          {step < STEPS.length - 1 && (
            <button type="button" className="primary" onClick={() => setStep(step + 1)} disabled={!canNext || busy} title={canNext ? undefined : t('setup.pickFirst')}>
              {t('setup.next')}
            </button>
          )}
        </div>
      </section>
    </div>
  );
}
