import { useEffect, useState } from 'react';
import type { CapacitySettings } from '../../../../shared/contract/capacity';
import type { WireError } from '../../../../shared/contract/errors';
import { ApiError, invoke } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n } from '../../i18n/I18n';

type Draft = Record<keyof CapacitySettings, string>;

const toDraft = (s: CapacitySettings): Draft => ({
  siltedAreaFactor: String(Math.round(s.siltedAreaFactor * 1000) / 10),
  defaultRunoffCoefficient: String(s.defaultRunoffCoefficient),
  snapToleranceM: String(s.snapToleranceM),
  culvertManningN: String(s.culvertManningN),
});

/** The few parameters of the calculation, saved with history; the report refreshes after a save. */
export function ParametersPanel({ settings, onSaved }: { settings: CapacitySettings; onSaved(): void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>(toDraft(settings));
  const [error, setError] = useState<WireError | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(toDraft(settings)), [settings]);
  const field = (key: keyof CapacitySettings, label: string, suffix = '') => (
    <label className="cap-param">
      <span>{label}</span>
      <span>
        <input inputMode="decimal" value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
        {suffix}
      </span>
    </label>
  );
  const save = async () => {
    setError(null);
    setSaved(false);
    try {
      await invoke('capacity.setSettings', {
        siltedAreaFactor: Number(draft.siltedAreaFactor) / 100,
        defaultRunoffCoefficient: Number(draft.defaultRunoffCoefficient),
        snapToleranceM: Number(draft.snapToleranceM),
        culvertManningN: Number(draft.culvertManningN),
      });
      setSaved(true);
      onSaved();
    } catch (e) {
      if (e instanceof ApiError) setError(e.wire);
    }
  };
  return (
    <section className="card cap-params">
      <h2>{t('cap.settings')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {field('siltedAreaFactor', t('cap.settings.silted'), '%')}
        {field('defaultRunoffCoefficient', t('cap.settings.defaultC'))}
        {field('snapToleranceM', t('cap.settings.snap'))}
        {field('culvertManningN', t('cap.settings.culvertN'))}
        <div className="actions">
          <button type="submit">{t('cap.settings.save')}</button>
          {saved && (
            <span className="ok" role="status">
              {t('cap.settings.saved')}
            </span>
          )}
        </div>
        <ErrorBanner error={error} />
      </form>
    </section>
  );
}
