import { useState } from 'react';
import type { WireError } from '../../../../shared/contract/errors';
import type { Basemap } from '../../../../shared/contract/settings';
import { ApiError, invoke } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n } from '../../i18n/I18n';
import { BasemapSettings } from '../settings/BasemapSettings';

/** Step 3: the same basemap choice as 设置, plus a live test of a Tianditu key. */
export function BasemapStep({ value, onChange }: { value: Basemap; onChange(next: Basemap): void }) {
  const { t } = useI18n();
  const [tested, setTested] = useState<'ok' | WireError | null>(null);
  const [busy, setBusy] = useState(false);
  const tianditu = value.kind === 'tianditu_vec' || value.kind === 'tianditu_img';
  const test = async () => {
    setBusy(true);
    setTested(null);
    try {
      await invoke('basemap.testTianditu', { key: value.tiandituKey });
      setTested('ok');
    } catch (e) {
      if (e instanceof ApiError) setTested(e.wire);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="setup-step">
      <p className="muted">{t('setup.basemapHint')}</p>
      <BasemapSettings
        value={value}
        onChange={(next) => {
          setTested(null);
          onChange(next);
        }}
      />
      {tianditu && (
        <div className="actions">
          <button type="button" onClick={() => void test()} disabled={busy || !value.tiandituKey}>
            {busy ? '…' : t('setup.testKey')}
          </button>
          {tested === 'ok' && (
            <span className="ok" role="status">
              {t('setup.keyOk')}
            </span>
          )}
        </div>
      )}
      {tested && tested !== 'ok' && <ErrorBanner error={tested} />}
    </div>
  );
}
