import { useState } from 'react';
import type { OfflineBasemapInfo } from '../../../../shared/contract/basemap';
import type { WireError } from '../../../../shared/contract/errors';
import type { Basemap } from '../../../../shared/contract/settings';
import { ApiError, invoke } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n, type MessageKey } from '../../i18n/I18n';

const KINDS: Basemap['kind'][] = ['none', 'tianditu_vec', 'tianditu_img', 'osm', 'offline'];

/** The map background: none (offline, the default), an online source, or the user's own tile file. */
export function BasemapSettings({ value, onChange }: { value: Basemap; onChange(next: Basemap): void }) {
  const { t } = useI18n();
  const [info, setInfo] = useState<OfflineBasemapInfo | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  const check = async () => {
    setInfo(null);
    setError(null);
    try {
      setInfo(await invoke('basemap.info', { file: value.offlineFile }));
    } catch (e) {
      if (e instanceof ApiError) setError(e.wire);
    }
  };
  return (
    <fieldset className="field">
      <legend>{t('settings.basemap')}</legend>
      {KINDS.map((k) => (
        <label key={k} className="radio">
          <input type="radio" name="basemap" value={k} checked={value.kind === k} onChange={() => onChange({ ...value, kind: k })} />
          {t(`settings.basemap.${k}` as MessageKey)}
        </label>
      ))}
      {(value.kind === 'tianditu_vec' || value.kind === 'tianditu_img') && (
        <div className="field">
          <label htmlFor="tiandituKey">{t('settings.basemap.key')}</label>
          <input id="tiandituKey" value={value.tiandituKey} onChange={(e) => onChange({ ...value, tiandituKey: e.target.value })} autoComplete="off" />
        </div>
      )}
      {value.kind === 'offline' && (
        <div className="field">
          <label htmlFor="offlineFile">{t('settings.basemap.file')}</label>
          <div className="actions">
            <input id="offlineFile" className="grow" value={value.offlineFile} placeholder="D:\\地图\\三合乡.mbtiles" onChange={(e) => onChange({ ...value, offlineFile: e.target.value })} />
            <button type="button" onClick={() => void check()} disabled={!value.offlineFile}>
              {t('settings.basemap.check')}
            </button>
          </div>
          {info && (
            <div className="ok" role="status">
              {info.format.toUpperCase()} · {info.tileType} · {t('settings.basemap.zoom')} {info.minZoom}–{info.maxZoom}
            </div>
          )}
          <ErrorBanner error={error} />
        </div>
      )}
      <div className="field-hint">{t('settings.basemap.hint')}</div>
    </fieldset>
  );
}
