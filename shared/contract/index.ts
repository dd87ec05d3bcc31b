import type { z } from 'zod';
import { settingsProcedures } from './settings';
import { systemProcedures } from './system';
import { networkProcedures } from './network';
import { networkTileProcedures } from './networkTiles';
import { blockageProcedures } from './blockages';
import { fieldProcedures } from './field';
import { importProcedures } from './imports';
import { basemapProcedures } from './basemap';
import { deploymentProcedures } from './deployments';
import { rainfallProcedures } from './rainfall';
import { totalsProcedures } from './totals';
import { capacityProcedures } from './capacity';
import { sheetProcedures } from './sheets';
import { setupProcedures } from './setup';
import { patrolProcedures } from './patrol';
import { syncDeskProcedures } from './syncDesk';
import { dispatchProcedures } from './dispatch';
import type { WireError } from './errors';

/** A procedure is its input and output schema; `field` marks the few a phone token may call. */
export interface ProcedureDef {
  input: z.ZodType;
  output: z.ZodType;
  /**
   * Skip checking the output at run time. Only for bulk reads whose rows the database already
   * constrains (the whole network: checking 50,000 features doubled the map's load time).
   */
  trustOutput?: true;
}

/**
 * The one table of everything the UI can ask the core to do. Every transport (IPC, browser-mode
 * HTTP, CLI) dispatches through it; the core's handler table is typed from it.
 */
export const procedures = {
  ...settingsProcedures,
  ...systemProcedures,
  ...networkProcedures,
  ...networkTileProcedures,
  ...importProcedures,
  ...basemapProcedures,
  ...blockageProcedures,
  ...fieldProcedures,
  ...deploymentProcedures, ...rainfallProcedures, ...totalsProcedures,
  ...capacityProcedures,
  ...sheetProcedures,
  ...setupProcedures,
  ...patrolProcedures,
  ...syncDeskProcedures,
  ...dispatchProcedures,
} satisfies Record<string, ProcedureDef>;

export type Procedures = typeof procedures;
export type ProcedureName = keyof Procedures;
export type ProcedureInput<P extends ProcedureName> = z.input<Procedures[P]['input']>;
export type ProcedureOutput<P extends ProcedureName> = z.output<Procedures[P]['output']>;

/** What crosses IPC and the utility-process boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: WireError };

/** The single function the preload exposes to the renderer. */
export interface DrainDeskBridge {
  invoke(procedure: string, input: unknown): Promise<Result<unknown>>;
}

export function isProcedureName(name: string): name is ProcedureName {
  return Object.prototype.hasOwnProperty.call(procedures, name);
}

export * from './errors';
export * from './common';
export * from './settings';
export * from './system';
export * from './network';
export * from './networkTiles';
export * from './blockages';
export * from './field';
export * from './imports';
export * from './basemap';
export * from './deployments';
export * from './rainfall';
export * from './totals';
export * from './capacity';
export * from './sheets';
export * from './setup';
export * from './patrol';
export * from './syncDesk';
export * from './dispatch';
export * from './dispatchSettings';
export { bilingual, parseInput, describeIssues } from './validation';
