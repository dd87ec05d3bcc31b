import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { MessageKey } from '../i18n/messages';
import { MapPage } from '../pages/map/MapPage';

export interface PageDef {
  /** The hash route, e.g. #/settings. */
  id: string;
  label: MessageKey;
  Component: ComponentType | LazyExoticComponent<ComponentType>;
  /** Starts fetching a page's code ahead of its first visit (its link pointed at or focused). */
  preload?: () => void;
  /** Reached by its route (or a button), not listed in the navigation. */
  hidden?: true;
}

/**
 * A page whose code loads on its first visit: the window opens on the map, and parsing the charts,
 * the sheet and the forms first held the map back.
 */
function later(load: () => Promise<ComponentType>): Pick<PageDef, 'Component' | 'preload'> {
  let pending: Promise<{ default: ComponentType }> | null = null;
  const start = () => (pending ??= load().then((Component) => ({ default: Component })));
  return { Component: lazy(start), preload: () => void start().catch(() => undefined) };
}

/**
 * The navigation, in the order the office works. A page is listed here only once it does real
 * work; the map, blockages, deployments, rainfall, capacity and daily sheet join as they land.
 */
export const pages: PageDef[] = [
  { id: 'map', label: 'nav.map', Component: MapPage },
  { id: 'blockages', label: 'nav.blockages', ...later(() => import('../pages/blockages/BlockagesPage').then((m) => m.BlockagesPage)) },
  { id: 'dashboard', label: 'nav.dashboard', ...later(() => import('../pages/dashboard/DashboardPage').then((m) => m.DashboardPage)) },
  { id: 'deployments', label: 'nav.deployments', ...later(() => import('../pages/deployments/DeploymentsPage').then((m) => m.DeploymentsPage)) },
  { id: 'rainfall', label: 'nav.rainfall', ...later(() => import('../pages/rainfall/RainfallPage').then((m) => m.RainfallPage)) },
  { id: 'capacity', label: 'nav.capacity', ...later(() => import('../pages/capacity/CapacityPage').then((m) => m.CapacityPage)) },
  { id: 'sheet', label: 'nav.sheet', ...later(() => import('../pages/sheet/SheetPage').then((m) => m.SheetPage)) },
  { id: 'settings', label: 'nav.settings', ...later(() => import('../pages/settings/SettingsPage').then((m) => m.SettingsPage)) },
  { id: 'setup', label: 'setup.title', ...later(() => import('../pages/setup/SetupPage').then((m) => m.SetupPage)), hidden: true },
  { id: 'conflicts', label: 'nav.conflicts', ...later(() => import('../pages/sync/ConflictsPage').then((m) => m.ConflictsPage)) },
];
