import { useI18n } from '../i18n/I18n';

/**
 * In the map's place when no WebGL context could be made (a PC without a graphics driver, a
 * virtual machine, a remote desktop): what happened and what to do, the engine's own words below
 * for whoever supports the office. The page around it keeps working.
 */
export function MapUnavailable({ detail }: { detail: string }) {
  const { t } = useI18n();
  return (
    <div className="map-unavailable" role="alert">
      <p>{t('map.unavailable')}</p>
      <p className="map-unavailable-detail">{detail}</p>
    </div>
  );
}
