import { useEffect, useState } from 'react';
import type { DeploymentOptions } from '../../../../shared/contract/deployments';
import type { WireError } from '../../../../shared/contract/errors';
import { ApiError, invoke } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n } from '../../i18n/I18n';

/** The village list rows may name, and the rated flow used to estimate water pumped. */
export function OptionsPanel({ onSaved }: { onSaved(o: DeploymentOptions): void }) {
  const { t } = useI18n();
  const [villages, setVillages] = useState('');
  const [rated, setRated] = useState('');
  const [error, setError] = useState<WireError | null>(null);
  const [done, setDone] = useState(false);

  useEffect(() => {
    invoke('deployments.options', {}).then((o) => {
      setVillages(o.villages.join('\n'));
      setRated(String(o.ratedPumpM3h));
    }, () => undefined);
  }, []);

  const save = async () => {
    setError(null);
    setDone(false);
    try {
      const o = await invoke('deployments.setOptions', {
        villages: villages.split(/[\n、,，;；]+/).map((v) => v.trim()).filter(Boolean),
        ratedPumpM3h: Number(rated),
      });
      setVillages(o.villages.join('\n'));
      setDone(true);
      onSaved(o);
    } catch (e) {
      setError(e instanceof ApiError ? e.wire : { code: 'internal', message: String(e), messageEn: String(e) });
    }
  };

  return (
    <section className="card">
      <h2>{t('dep.options')}</h2>
      <div className="form compact">
        <div className="field">
          <label htmlFor="dep-villages-list">{t('dep.options.villages')}</label>
          <textarea id="dep-villages-list" rows={4} value={villages} onChange={(e) => setVillages(e.target.value)} />
          <div className="field-hint">{t('dep.options.villagesHint')}</div>
        </div>
        <div className="field">
          <label htmlFor="dep-rated">{t('dep.options.rated')}</label>
          <input id="dep-rated" inputMode="decimal" value={rated} onChange={(e) => setRated(e.target.value)} />
          <div className="field-hint">{t('dep.options.ratedHint')}</div>
        </div>
        <div className="actions">
          <button type="button" onClick={() => void save()}>
            {t('dep.options.save')}
          </button>
          {done && (
            <span className="ok" role="status">
              {t('common.saved')}
            </span>
          )}
        </div>
        <ErrorBanner error={error} />
      </div>
    </section>
  );
}
