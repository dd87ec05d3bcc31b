import type { BlockageDetail, Team } from '../../../shared/contract/blockages';
import type { NetworkFeature } from '../../../shared/contract/network';
import type { tempCore } from '../../helpers/tempDir';

export type Core = Awaited<ReturnType<typeof tempCore>>;

/** Call a procedure and return its value, or fail the test with the core's message. */
export async function ok<T>(core: Core, procedure: string, input: unknown): Promise<T> {
  const r = await core.dispatch(procedure, input);
  if (!r.ok) throw new Error(`${procedure}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

/** Call a procedure expected to fail; returns its error code and message. */
export async function fails(core: Core, procedure: string, input: unknown): Promise<{ code: string; message: string }> {
  const r = await core.dispatch(procedure, input);
  if (r.ok) throw new Error(`${procedure} should have failed`);
  return r.error;
}

export async function team(core: Core, name = '一队'): Promise<Team> {
  return ok<Team>(core, 'teams.save', { name, leader: '王建国', phone: '13800000000', machines: { excavators: 2, longArmExcavators: 1, dumpTrucks: 1, pumps: 4 } });
}

export async function blockage(core: Core, name = '太平村涵管堵点', at: [number, number] = [124.2, 43.4], village = '太平村'): Promise<string> {
  const b = await ok<NetworkFeature>(core, 'network.create', { layer: 'blockage', geometry: { type: 'Point', coordinates: at }, properties: { name, village } });
  return b.id;
}

/** A blockage driven along allowed moves to `status`. */
export async function blockageIn(core: Core, status: string, teamId: string): Promise<string> {
  const id = await blockage(core);
  const path: Record<string, string[]> = {
    reported: [],
    assigned: ['assign'],
    in_progress: ['assign', 'in_progress'],
    cleared: ['assign', 'in_progress', 'cleared'],
    verified: ['assign', 'in_progress', 'cleared', 'verified'],
    rejected: ['rejected'],
  };
  for (const step of path[status]!) {
    if (step === 'assign') await ok<BlockageDetail>(core, 'blockages.assign', { id, teamId });
    else await ok<BlockageDetail>(core, 'blockages.transition', { id, to: step });
  }
  return id;
}

export function eventCount(core: Core): number {
  return (core.db.prepare('SELECT count(*) AS n FROM blockage_event').get() as { n: number }).n;
}

/** A few bytes that are a JPEG by their magic number (enough for the type check). */
export function tinyJpeg(extra = 200): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(extra, 7), Buffer.from([0xff, 0xd9])]);
}
