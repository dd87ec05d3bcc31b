import { randomUUID } from 'node:crypto';
import type { DeploymentTask } from '../../../shared/contract/deployments';
import { AppError } from '../../../shared/contract/errors';
import { dayRange, sameDayLastYear, townshipDay } from '../../../shared/domain/dates';
import type { CoreContext } from '../context';
import { DeploymentRepository, type DeploymentRecord } from '../db/repositories/deploymentRepository';
import { blockageLabel, NetworkLookup, type BlockageRef } from '../db/repositories/networkLookup';
import { RainRepository } from '../db/repositories/rainRepository';
import { setDeploymentOptions } from '../services/deployments/options';
import { RainWriter } from '../services/rainfall/writer';
import { DEMO } from './constants';
import { seededRandom } from './random';

/**
 * Split an integer total into integer parts in proportion to the weights (largest remainder), so
 * the parts always add up to the total exactly.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  if (total === 0) return weights.map(() => 0);
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) throw new Error('apportion: no positive weight to give the total to');
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map((e) => Math.floor(e));
  const left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - parts[i]!, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; k < left; k++) parts[order[k]![1]]! += 1;
  return parts;
}

/** Wet days in tenths of a millimetre summing exactly to `totalTenths`, from per-day weights. */
function rainTenths(days: readonly string[], totalTenths: number, rand: () => number, storms: readonly string[], wetness: number): number[] {
  const weights = days.map((day, i) => {
    const progress = i / (days.length - 1);
    const chance = 0.3 + wetness * progress;
    const storm = storms.includes(day.slice(5)) ? 6 + 4 * rand() : 0;
    const shower = rand() < chance ? -Math.log(1 - rand() * 0.98) * (0.6 + progress) : 0;
    return storm + shower;
  });
  // Drizzle below 0.3 mm is not worth a reading: give those days nothing.
  const sum = weights.reduce((a, b) => a + b, 0);
  const cleaned = weights.map((w) => ((w / sum) * totalTenths < 3 ? 0 : w));
  return apportion(totalTenths, cleaned);
}

/** Field crews per task: how people, machines and works spread over a day's rows. */
const TASK_WEIGHTS: Record<DeploymentTask, Record<'people' | 'excavators' | 'longArm' | 'dumpTrucks' | 'pumps' | 'culverts' | 'fieldDitch' | 'cleared', number>> = {
  pump: { people: 1, excavators: 0, longArm: 0, dumpTrucks: 0, pumps: 1, culverts: 0, fieldDitch: 0, cleared: 0 },
  guide: { people: 1, excavators: 0.3, longArm: 0, dumpTrucks: 0, pumps: 0.15, culverts: 0, fieldDitch: 0, cleared: 0 },
  dig: { people: 0.8, excavators: 1, longArm: 0, dumpTrucks: 0.6, pumps: 0, culverts: 0, fieldDitch: 1, cleared: 0 },
  clear: { people: 1, excavators: 1, longArm: 1, dumpTrucks: 1, pumps: 0, culverts: 0, fieldDitch: 0, cleared: 1 },
  culvert: { people: 0.8, excavators: 0.5, longArm: 0, dumpTrucks: 1, pumps: 0, culverts: 1, fieldDitch: 0, cleared: 0 },
  patrol: { people: 0.6, excavators: 0, longArm: 0, dumpTrucks: 0, pumps: 0, culverts: 0, fieldDitch: 0, cleared: 0 },
};
/** Every day has these four, so each machine and each kind of work has a row to go to. */
const BASE_TASKS: DeploymentTask[] = ['pump', 'clear', 'dig', 'culvert'];
const EXTRA_TASKS: DeploymentTask[] = ['guide', 'pump', 'clear', 'patrol', 'dig', 'guide'];
/** Storm days (MM-DD) of this season and of last year's. */
const STORMS = ['07-13', '07-27', '07-28', '08-04', '08-08', '08-09'];
const LAST_YEAR_STORMS = ['07-21', '08-02'];

/**
 * Write the demo township's whole season (DEMO.seasonStart to DEMO.today) in one transaction:
 * three stations' daily rainfall whose township means add up to DEMO.rain.seasonMm, last year's
 * series adding up to DEMO.rain.lastYearSeasonMm, and daily deployments rising with the rain to
 * exactly DEMO.today_deployment on DEMO.today, with works adding up exactly to DEMO.works.
 * Deterministic: the same figures on every machine. Refuses a township that already has rainfall
 * or deployments. Places are the demo villages and, when the network is seeded, its blockages.
 */
export function seedSeason(ctx: CoreContext): void {
  const deployments = new DeploymentRepository(ctx.db, ctx.townshipId);
  if (deployments.countLive() > 0 || new RainRepository(ctx.db, ctx.townshipId).countLiveReadings() > 0) {
    throw new AppError('conflict', {
      zh: '这个乡镇已有出动或雨量数据，示例汛期数据只能写入空的乡镇。',
      en: 'This township already has deployments or rainfall; the demo season only goes into an empty one.',
    });
  }
  const rand = seededRandom(DEMO.seed ^ 0x5ea50);
  const days = dayRange(DEMO.seasonStart, DEMO.today);
  const source = 'demo';
  const demoCtx: CoreContext = { ...ctx, source };

  const rain = rainTenths(days, Math.round(DEMO.rain.seasonMm * 10), rand, STORMS, 0.35);
  const lastYear = rainTenths(days, Math.round(DEMO.rain.lastYearSeasonMm * 10), rand, LAST_YEAR_STORMS, 0.15);

  // Effort follows the rain of the last few days, on a rising trend; today is the peak.
  let wet = 0;
  const pull = rain.map((t, i) => {
    wet = 0.65 * wet + t / 10;
    return { wet, trend: i / (days.length - 1) };
  });
  const maxWet = Math.max(...pull.map((p) => p.wet));
  const g = pull.map((p) => 0.1 + 0.4 * p.trend + 0.5 * (p.wet / maxWet));
  const effort = g.map((x) => Math.min(1, x / g[g.length - 1]!));

  const t = DEMO.today_deployment;
  const w = DEMO.works;
  const culverts = apportion(w.culvertsLaid, effort);
  const fieldDitch = apportion(w.fieldDitchMeters, effort);
  const cleared = apportion(w.clearedDitchMeters, effort);
  const metresPerCulvert = w.culvertMeters / w.culvertsLaid;

  const blockages = new NetworkLookup(ctx.db, ctx.townshipId).blockages();
  const reportedDay = (b: BlockageRef) => (/^\d{4}-\d{2}-\d{2}$/.test(b.reported_at) ? b.reported_at : townshipDay(new Date(b.reported_at)));

  ctx.db.transaction(() => {
    const batchId = randomUUID();
    setDeploymentOptions(demoCtx, { villages: [...DEMO.villages] }, { batchId, source });

    const writer = new RainWriter(demoCtx, source);
    const stations = DEMO.rain.stations.map((name, i) =>
      writer.addStation(name, round6(DEMO.center.lon - 0.05 + 0.05 * i), round6(DEMO.center.lat + (i === 1 ? 0.02 : -0.01))),
    );
    days.forEach((day, i) => {
      // The three stations' readings average exactly to the township's value for the day.
      const parts = apportion(3 * rain[i]!, stations.map(() => 0.7 + 0.6 * rand()));
      stations.forEach((s, k) => writer.reading(s.id, day, parts[k]! / 10));
      writer.baseline(sameDayLastYear(day), lastYear[i]! / 10);
    });

    const at = ctx.now().toISOString();
    days.forEach((day, i) => {
      const f = effort[i]!;
      const extra = Math.round(6 * f);
      const tasks = [...BASE_TASKS, ...EXTRA_TASKS.slice(0, extra)];
      const jitter = tasks.map(() => 0.7 + 0.6 * rand());
      const split = (total: number, key: keyof (typeof TASK_WEIGHTS)['pump']) =>
        apportion(total, tasks.map((task, k) => TASK_WEIGHTS[task][key] * jitter[k]!));
      const people = split(Math.round(t.people * f), 'people');
      const excavators = split(Math.round(t.excavators * f), 'excavators');
      const longArm = split(Math.round(t.longArmExcavators * f), 'longArm');
      const trucks = split(Math.round(t.dumpTrucks * f), 'dumpTrucks');
      const pumps = split(Math.round(t.pumps * f), 'pumps');
      const dayCulverts = split(culverts[i]!, 'culverts');
      const dayField = split(fieldDitch[i]!, 'fieldDitch');
      const dayCleared = split(cleared[i]!, 'cleared');
      const known = blockages.filter((b) => reportedDay(b) <= day);
      tasks.forEach((task, k) => {
        const village = DEMO.villages[(i + k) % DEMO.villages.length]!;
        const blockage = task === 'clear' && known.length > 0 && rand() < 0.6 ? known[Math.floor(rand() * known.length)]! : null;
        const record: DeploymentRecord = {
          id: randomUUID(),
          township_id: ctx.townshipId,
          date: day,
          seq: k,
          place_kind: blockage ? 'blockage' : 'village',
          place: blockage ? blockageLabel(blockage) : village,
          blockage_id: blockage?.id ?? null,
          task,
          people: people[k]!,
          excavators: excavators[k]!,
          long_arm_excavators: longArm[k]!,
          dump_trucks: trucks[k]!,
          pumps: pumps[k]!,
          hours: task === 'pump' ? 16 + Math.floor(rand() * 9) : 8 + Math.floor(rand() * 3),
          culverts_laid: dayCulverts[k]!,
          culvert_m: dayCulverts[k]! * metresPerCulvert,
          field_ditch_m: dayField[k]!,
          cleared_ditch_m: dayCleared[k]!,
          pumped_m3: null,
          note: '',
          source,
          created_at: at,
          updated_at: at,
          deleted_at: null,
        };
        deployments.save(record, { batchId, action: 'create', source, at });
      });
    });
  })();
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
