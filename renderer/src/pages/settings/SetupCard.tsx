import { useI18n } from '../../i18n/I18n';
import { useApp } from '../../shell/AppContext';

/** The first-run setup, offered again from 设置 (township code shown, as the county server knows it). */
export function SetupCard() {
  const { t } = useI18n();
  const { settings } = useApp();
  return (
    <section className="card">
      <h2>{t('setup.identity')}</h2>
      <p className="muted">
        {t('setup.code')}：<span data-testid="settings-township-code">{settings.townshipCode || '—'}</span>
      </p>
      <p className="muted">{t('setup.reopenHint')}</p>
      <a className="button" href="#/setup">
        {t('setup.reopen')}
      </a>
    </section>
  );
}
