import type { Geometry, Position } from 'geojson';
import { addDays, atTownshipTime } from '../../../shared/domain/dates';
import type { BlockageStatus } from '../../../shared/domain/network';
import type { CoreContext } from '../context';
import { assign, transition } from '../services/blockages/lifecycle';
import { saveTeam } from '../services/teams/teamService';
import type { NewFeature } from '../services/network/networkService';
import { DEMO } from './constants';
import { DemoPlane } from './plane';
import { seededRandom } from './random';

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The demo's field teams and the machines they bring. */
export const DEMO_TEAMS = [
  { name: '三合堡抢险队', leader: '王建国', phone: '13904341001', machines: { excavators: 6, longArmExcavators: 1, dumpTrucks: 4, pumps: 20 } },
  { name: '兴隆机械队', leader: '李长春', phone: '13904341002', machines: { excavators: 8, longArmExcavators: 2, dumpTrucks: 6, pumps: 12 } },
  { name: '永安排涝队', leader: '张福林', phone: '13904341003', machines: { excavators: 4, longArmExcavators: 1, dumpTrucks: 3, pumps: 30 } },
  { name: '太平清淤队', leader: '刘玉山', phone: '13904341004', machines: { excavators: 5, longArmExcavators: 1, dumpTrucks: 5, pumps: 10 } },
] as const;

const EVENT_NOTES: Partial<Record<BlockageStatus, string>> = {
  assigned: '已通知作业队',
  in_progress: '钩机已到场',
  cleared: '已挖开，水已流入支沟',
  verified: '现场查看，排水通畅',
  rejected: '现场核实无积水',
};

/** What the demo network generator produces, before it is written. */
export interface DemoNetwork {
  features: NewFeature[];
  /** What happened to each demo blockage after its report, oldest first (played through the lifecycle). */
  blockageEvents: { blockageId: string; day: string; to: BlockageStatus; team: string | null; note: string }[];
}

/**
 * The demo township's drainage network on the Lishu plain: a river along the south, six main
 * drains running north from it, branch ditches off the mains and field ditches off the branches,
 * six villages, culverts at the junctions and a season's blockage points. The cleared mains and
 * branches total exactly 210,000 m with a 5 m² section; the field ditches dug this season total
 * exactly 36,500 m; 260 culverts of 2 m were laid this season.
 */
export function buildDemoNetwork(): DemoNetwork {
  const rand = seededRandom(DEMO.seed);
  const plane = new DemoPlane({ lon: DEMO.center.lon - 0.075, lat: DEMO.center.lat - 0.036 });
  const features: NewFeature[] = [];
  const blockageEvents: DemoNetwork['blockageEvents'] = [];
  let nextId = 0;
  // Deterministic UUID-shaped ids, so the demo's ids are stable too.
  const makeId = () => {
    const n = (++nextId).toString(16).padStart(12, '0');
    return `0d3e0000-0000-4000-8000-${n}`;
  };
  const line = (coords: Position[]): Geometry => ({ type: 'LineString', coordinates: coords });

  // Villages: a 3 × 2 grid of cells over the 13.5 km × 8 km township.
  const W = 13_500;
  const H = 8_000;
  const x0 = -500;
  const cellW = W / 3;
  const cellH = H / 2;
  const villageAt = (x: number, y: number) => DEMO.villages[Math.min(2, Math.max(0, Math.floor((x - x0) / cellW))) + (y >= cellH ? 3 : 0)]!;
  DEMO.villages.forEach((name, i) => {
    const cx = x0 + (i % 3) * cellW;
    const cy = i >= 3 ? cellH : 0;
    const ring = [plane.at(cx, cy), plane.at(cx + cellW, cy), plane.at(cx + cellW, cy + cellH), plane.at(cx, cy + cellH), plane.at(cx, cy)];
    features.push({
      id: makeId(),
      layer: 'area',
      geometry: { type: 'Polygon', coordinates: [ring] },
      properties: { name, kind: 'village', runoff_coefficient: 0.45, curve_number: 78 },
    });
  });

  // Mains: five cleared to the high standard, a sixth (east) still as it was and partly silted.
  const mainXs = [1_000, 3_200, 5_400, 7_600, 9_800, 12_000];
  const rowYs = Array.from({ length: 17 }, (_, j) => 450 * (j + 1)); // 450 … 7,650 m
  const MAIN_LENGTH = 8_000;
  const outlets = mainXs.map((x) => plane.at(x, 0));

  // The river runs west to east through every main's outlet, meandering a little between them.
  const riverCoords: Position[] = [plane.at(x0, 120)];
  outlets.forEach((o, i) => {
    riverCoords.push(o);
    const nextX = (mainXs[i + 1] ?? 13_000) as number;
    riverCoords.push(plane.at((mainXs[i]! + nextX) / 2, i % 2 === 0 ? -90 : 70));
  });
  features.push({
    id: makeId(),
    layer: 'ditch',
    geometry: line(riverCoords),
    properties: { name: '招苏台河', kind: 'river', village: '', bottom_width_m: 18, depth_m: 3.5, side_slope: 2.5, manning_n: 0.03, slope: 0.0002, condition: 'clear', work: 'existing' },
  });

  const cleared = { ...DEMO.clearedSection, condition: 'clear', work: 'cleared' };
  const seasonDays = 71;
  const dayOf = (k: number) => addDays(DEMO.seasonStart, Math.min(seasonDays - 1, k));
  const junctions: { at: Position; village: string; name: string; ditchId: string }[] = [];
  const branchIds: { id: string; name: string; village: string; mid: Position; main: number }[] = [];
  let fieldDug = 0;

  mainXs.forEach((mx, mi) => {
    const isOld = mi === 5;
    const mainName = `${CN_NUM[mi]}号干沟`;
    // The main is split at every branch junction: the network joins segments only at their ends.
    const cuts = [0, ...rowYs, MAIN_LENGTH];
    const points = cuts.map((d) => plane.walk(outlets[mi]!, 0, d));
    for (let k = 0; k < cuts.length - 1; k++) {
      features.push({
        id: makeId(),
        layer: 'ditch',
        geometry: line([points[k]!, points[k + 1]!]),
        properties: isOld
          ? { name: mainName, kind: 'main', village: villageAt(mx, cuts[k]!), bottom_width_m: 2, depth_m: 1.6, side_slope: 1.5, manning_n: 0.033, slope: 0.0004, condition: k > 10 ? 'silted' : 'clear', work: 'existing' }
          : { name: mainName, kind: 'main', village: villageAt(mx, cuts[k]!), ...cleared, work_date: dayOf(3 + mi * 6 + Math.floor(k / 3)) },
      });
    }
    if (isOld) return;
    rowYs.forEach((ry, j) => {
      for (const [side, azimuth] of [['东', 90], ['西', 270]] as const) {
        const start = points[j + 1]!;
        const name = `${CN_NUM[mi]}干${side}${j + 1}支沟`;
        const village = villageAt(mx + (side === '东' ? 500 : -500), ry);
        const hasField = (j + mi + (side === '东' ? 0 : 1)) % 2 === 0 && fieldDug < DEMO.works.fieldDitchMeters;
        const cutsB = hasField ? [0, 350, 700, 1_000] : [0, 1_000];
        const pts = cutsB.map((d) => plane.walk(start, azimuth, d));
        let firstId = '';
        for (let k = 0; k < cutsB.length - 1; k++) {
          const id = makeId();
          if (!firstId) firstId = id;
          // Flow runs toward the main: draw each piece from its far end to its near end.
          features.push({
            id,
            layer: 'ditch',
            geometry: line([pts[k + 1]!, pts[k]!]),
            properties: { name, kind: 'branch', village, ...cleared, work_date: dayOf(8 + ((j * 3 + mi * 7) % 60)) },
          });
        }
        junctions.push({ at: start, village, name: `${name}口`, ditchId: firstId });
        branchIds.push({ id: firstId, name, village, mid: pts[1]!, main: mi });
        if (hasField) {
          for (const d of [350, 700]) {
            const foot = pts[cutsB.indexOf(d)]!;
            const id = makeId();
            features.push({
              id,
              layer: 'ditch',
              geometry: line([plane.walk(foot, 0, 250), foot]),
              properties: { name: `${name.replace('支沟', '支')}${d === 350 ? 1 : 2}号条田沟`, kind: 'field', village, bottom_width_m: 0.6, depth_m: 0.8, side_slope: 1, manning_n: 0.03, slope: 0.0008, condition: 'clear', work: 'dug', work_date: dayOf(5 + ((j * 5 + mi * 3 + d) % 64)) },
            });
            fieldDug += 250;
            junctions.push({ at: foot, village, name: `${name.replace('支沟', '支')}${d === 350 ? 1 : 2}号条田沟口`, ditchId: id });
          }
        }
      }
    });
  });
  if (fieldDug !== DEMO.works.fieldDitchMeters) throw new Error(`demo: field ditches total ${fieldDug} m`);

  // The old east main's branches: existing, some silted, one blocked.
  rowYs.filter((_, j) => j % 2 === 0).forEach((ry, j) => {
    const start = plane.walk(outlets[5]!, 0, ry);
    const village = villageAt(11_500, ry);
    features.push({
      id: makeId(),
      layer: 'ditch',
      geometry: line([plane.walk(start, 270, 900), start]),
      properties: { name: `六干西${j + 1}支沟`, kind: 'branch', village, bottom_width_m: 0.8, depth_m: 1.0, side_slope: 1.5, manning_n: 0.035, slope: 0.0005, condition: j % 3 === 1 ? 'silted' : 'clear', work: 'existing' },
    });
  });

  // Culverts: 260 of 2 m laid this season at junctions, and a few older road culverts.
  const laid = junctions.slice(0, DEMO.works.culvertsLaid);
  if (laid.length !== DEMO.works.culvertsLaid) throw new Error(`demo: only ${laid.length} culvert sites`);
  laid.forEach((j, i) => {
    features.push({
      id: makeId(),
      layer: 'culvert',
      geometry: { type: 'Point', coordinates: j.at },
      properties: { name: `${j.name}涵`, village: j.village, diameter_m: i % 5 === 0 ? 1.0 : 0.8, length_m: DEMO.works.culvertMeters / DEMO.works.culvertsLaid, barrels: 1, material: '混凝土', laid_date: dayOf(4 + ((i * 7) % 66)) },
    });
  });
  for (let k = 0; k < 12; k++) {
    const at = plane.walk(outlets[5]!, 0, rowYs[k]! + 40);
    features.push({
      id: makeId(),
      layer: 'culvert',
      geometry: { type: 'Point', coordinates: at },
      properties: { name: `六号干沟${k + 1}号路涵`, village: villageAt(12_000, rowYs[k]!), diameter_m: 1.2, length_m: 8, barrels: 2, material: '混凝土', laid_date: '2019-05-10' },
    });
  }

  // Blockage points over the season: most opened and checked, some still open, a few cleared today.
  const plan: { status: BlockageStatus; startDay: number }[] = [
    ...Array.from({ length: 14 }, (_, i) => ({ status: 'verified' as const, startDay: 5 + i * 4 })),
    ...Array.from({ length: 5 }, (_, i) => ({ status: 'cleared' as const, startDay: 60 + i })),
    ...Array.from({ length: 3 }, () => ({ status: 'cleared' as const, startDay: 69 })),
    { status: 'rejected', startDay: 30 },
    ...Array.from({ length: 4 }, (_, i) => ({ status: 'in_progress' as const, startDay: 64 + i })),
    ...Array.from({ length: 3 }, (_, i) => ({ status: 'assigned' as const, startDay: 67 + i })),
    ...Array.from({ length: 5 }, (_, i) => ({ status: 'reported' as const, startDay: 66 + i })),
  ];
  const causes = ['涵管口被秸秆堵塞', '沟内淤泥堆积', '倒伏玉米秆堵沟', '路涵塌陷', '杂草丛生阻水', '土坝截流未拆'];
  const taken = new Set<number>();
  const finalStatus = new Map<string, BlockageStatus>();
  plan.forEach((p, i) => {
    let k = Math.floor(rand() * branchIds.length);
    while (taken.has(k)) k = (k + 1) % branchIds.length;
    taken.add(k);
    const b = branchIds[k]!;
    const id = makeId();
    const reportedDay = dayOf(p.startDay);
    features.push({
      id,
      layer: 'blockage',
      geometry: { type: 'Point', coordinates: b.mid },
      // Every blockage starts as reported; its later steps are played through the real lifecycle.
      properties: { name: `${b.name}${causes[i % causes.length]}`, village: b.village, ditch_id: b.id, status: 'reported', reported_at: atTownshipTime(reportedDay, '07:30'), note: '' },
    });
    finalStatus.set(id, p.status);
    const path: BlockageStatus[] =
      p.status === 'rejected' ? ['reported', 'rejected'] : (['reported', 'assigned', 'in_progress', 'cleared', 'verified'] as BlockageStatus[]).slice(0, ['reported', 'assigned', 'in_progress', 'cleared', 'verified'].indexOf(p.status) + 1);
    const team = DEMO_TEAMS[i % DEMO_TEAMS.length]!.name;
    for (let s = 1; s < path.length; s++) {
      const isClearedToday = p.startDay === 69 && path[s] === 'cleared';
      blockageEvents.push({ blockageId: id, day: isClearedToday ? DEMO.today : dayOf(p.startDay + s), to: path[s]!, team: path[s] === 'assigned' ? team : null, note: EVENT_NOTES[path[s]!] ?? '' });
    }
  });
  // A ditch with a blockage still open holds water back: mark it blocked.
  const open = new Set(['reported', 'assigned', 'in_progress']);
  for (const f of features) {
    if (f.layer !== 'blockage' || !open.has(finalStatus.get(String(f.id)) ?? '')) continue;
    const ditch = features.find((d) => d.id === f.properties.ditch_id);
    if (ditch) ditch.properties.condition = 'blocked';
  }
  return { features, blockageEvents };
}

/**
 * Write the demo network, then play each blockage's season through the real lifecycle (teams,
 * dispatch, progress, clearing, checking) at the times the plan says, so the demo's history looks
 * exactly like a real one. The caller holds the transaction.
 */
export function seedNetwork(ctx: CoreContext, insert: (features: readonly NewFeature[]) => void): DemoNetwork {
  const demo = buildDemoNetwork();
  insert(demo.features);
  const teams = new Map<string, string>(DEMO_TEAMS.map((t) => [t.name, saveTeam(ctx, { name: t.name, leader: t.leader, phone: t.phone, machines: t.machines }).id]));
  demo.blockageEvents.forEach((e, i) => {
    const at = new Date(atTownshipTime(e.day, `${String(9 + (i % 8)).padStart(2, '0')}:15`));
    const eventCtx: CoreContext = { ...ctx, now: () => at };
    if (e.to === 'assigned') assign(eventCtx, { id: e.blockageId, teamId: teams.get(e.team!)!, note: e.note });
    else transition(eventCtx, { id: e.blockageId, to: e.to, note: e.note });
  });
  return demo;
}
