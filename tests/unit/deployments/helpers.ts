import type { Core } from '../../../electron/core/app';
import type { DeploymentRowInput } from '../../../shared/contract/deployments';
import type { WireError } from '../../../shared/contract/errors';
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../../../shared/contract';
import { tempCore } from '../../helpers/tempDir';

/** Township today 2026-07-20 (10:00 in Shanghai); the default season starts 2026-06-01. */
export const NOW = () => new Date('2026-07-20T02:00:00Z');
export const VILLAGES = ['兴隆村', '永安村', '太平村'];

/** A core with a fixed clock and a village list. */
export async function deskCore(): Promise<Core> {
  const core = await tempCore({ now: NOW });
  await ok(core, 'deployments.setOptions', { villages: VILLAGES });
  return core;
}

/** Call and expect success. */
export async function ok<P extends ProcedureName>(core: Core, p: P, input: ProcedureInput<P>): Promise<ProcedureOutput<P>> {
  const r = await core.dispatch(p, input);
  if (!r.ok) throw new Error(`${p} failed: ${r.error.message}`);
  return r.value as ProcedureOutput<P>;
}

/** Call and expect failure. */
export async function fails(core: Core, p: ProcedureName, input: unknown): Promise<WireError> {
  const r = await core.dispatch(p, input);
  if (r.ok) throw new Error(`${p} unexpectedly succeeded`);
  return r.error;
}

/** A row with sensible defaults. */
export function row(over: Partial<DeploymentRowInput> = {}): DeploymentRowInput {
  return { placeKind: 'village', place: '兴隆村', task: 'pump', people: 12, pumps: 4, hours: 10, ...over };
}

/** Live deployment rows and history rows in the database. */
export function counts(core: Core): { rows: number; changes: number } {
  const one = (sql: string) => (core.db.prepare(sql).get() as { n: number }).n;
  return {
    rows: one('SELECT COUNT(*) AS n FROM deployment WHERE deleted_at IS NULL'),
    changes: one("SELECT COUNT(*) AS n FROM change_feed WHERE table_name = 'deployment' AND action <> 'snapshot'"),
  };
}
