import { DEFAULT_DISPATCH_SETTINGS } from '../../../../shared/contract/dispatchSettings';
import type { Settings } from '../../../../shared/contract/settings';

/** What a new database starts with; the flood season in the northeast plain opens on 1 June. */
export function defaultSettings(now: Date): Settings {
  return {
    townshipName: '未命名乡镇',
    issuingOffice: '乡镇防汛抗旱指挥部办公室',
    seasonStart: `${now.getUTCFullYear()}-06-01`,
    locale: 'zh',
    units: { volume: 'wan_m3', length: 'm', area: 'mu' },
    basemap: { kind: 'none', tiandituKey: '', offlineFile: '' },
    dispatch: DEFAULT_DISPATCH_SETTINGS,
  };
}
