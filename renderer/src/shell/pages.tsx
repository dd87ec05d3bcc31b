import type { ComponentType } from 'react';
import type { MessageKey } from '../i18n/messages';
import { MapPage } from '../pages/map/MapPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { DashboardPage } from '../pages/dashboard/DashboardPage';
import { DeploymentsPage } from '../pages/deployments/DeploymentsPage';
import { RainfallPage } from '../pages/rainfall/RainfallPage';
import { BlockagesPage } from '../pages/blockages/BlockagesPage';
import { CapacityPage } from '../pages/capacity/CapacityPage';
import { SheetPage } from '../pages/sheet/SheetPage';
import { SetupPage } from '../pages/setup/SetupPage';

export interface PageDef {
  /** The hash route, e.g. #/settings. */
  id: string;
  label: MessageKey;
  Component: ComponentType;
  /** Reached by its route (or a button), not listed in the navigation. */
  hidden?: true;
}

/**
 * The navigation, in the order the office works. A page is listed here only once it does real
 * work; the map, blockages, deployments, rainfall, capacity and daily sheet join as they land.
 */
export const pages: PageDef[] = [
  { id: 'map', label: 'nav.map', Component: MapPage },
  { id: 'blockages', label: 'nav.blockages', Component: BlockagesPage },
  { id: 'dashboard', label: 'nav.dashboard', Component: DashboardPage },
  { id: 'deployments', label: 'nav.deployments', Component: DeploymentsPage },
  { id: 'rainfall', label: 'nav.rainfall', Component: RainfallPage },
  { id: 'capacity', label: 'nav.capacity', Component: CapacityPage },
  { id: 'sheet', label: 'nav.sheet', Component: SheetPage },
  { id: 'settings', label: 'nav.settings', Component: SettingsPage },
  { id: 'setup', label: 'setup.title', Component: SetupPage, hidden: true },
];
