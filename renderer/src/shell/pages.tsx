import type { ComponentType } from 'react';
import type { MessageKey } from '../i18n/messages';
import { SettingsPage } from '../pages/settings/SettingsPage';

export interface PageDef {
  /** The hash route, e.g. #/settings. */
  id: string;
  label: MessageKey;
  Component: ComponentType;
}

/**
 * The navigation, in the order the office works. A page is listed here only once it does real
 * work; the map, blockages, deployments, rainfall, capacity and daily sheet join as they land.
 */
export const pages: PageDef[] = [{ id: 'settings', label: 'nav.settings', Component: SettingsPage }];
