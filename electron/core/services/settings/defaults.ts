import { DEFAULT_DISPATCH_SETTINGS } from '../../../../shared/contract/dispatchSettings';
import type { Settings } from '../../../../shared/contract/settings';

/** The name a township has until the office gives its own (the first-run setup opens while it does). */
export const DEFAULT_TOWNSHIP_NAME = '未命名乡镇';

/** What a new database starts with; the flood season in the northeast plain opens on 1 June. */
export function defaultSettings(now: Date): Settings {
  return {
    townshipName: DEFAULT_TOWNSHIP_NAME,
    issuingOffice: '乡镇防汛抗旱指挥部办公室',
    seasonStart: `${now.getUTCFullYear()}-06-01`,
    locale: 'zh',
    units: { volume: 'wan_m3', length: 'm', area: 'mu' },
    basemap: { kind: 'none', tiandituKey: '', offlineFile: '' },
    townshipCode: '',
    setupState: 'pending',
    dispatch: DEFAULT_DISPATCH_SETTINGS,
  };
}
