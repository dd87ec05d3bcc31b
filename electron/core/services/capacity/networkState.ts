/**
 * The network side of the capacity report — everything that depends on the stored network and
 * settings but not on the rain or the day — kept in CoreContext.state and patched from the change
 * feed (issue 15). `feed.touchedSince` names the ditches, culverts, areas and blockages written
 * since the state was last brought up to date (by this core, an undo, a sync or another
 * connection); only those rows are read again, and only what they can change is recomputed:
 *
 * - a ditch's section, condition, name, village or work state: that ditch and the culverts on it
 *   are evaluated again; its old figures are taken out of, and its new ones put into, the running
 *   totals, the sums of the areas it lies in and the cut-off sums of the blockages downstream of
 *   it, and the blockages are ranked again (nothing walks the whole network: exact sums,
 *   shared/calc/exactSum.ts, keep the patched figures equal to a recompute to the last bit);
 * - a blockage: the open blockages are placed and summed again on the same topology;
 * - a culvert: that culvert is evaluated again;
 * - a ditch's line or length (moved, reshaped), or a new ditch (it comes last in the list): the
 *   drainage topology is laid out again only in the junction components the change reaches, the
 *   ditch is placed in the areas again, and only the cut-off ranges the change reached are summed
 *   again (movedShape.ts); a river's line, a kind to or from river, or the projection's centre
 *   moving builds the shape again from memory;
 * - a deleted or restored ditch (the ditch numbering after it shifts): the topology, area
 *   membership, area exits and the kept sums are rebuilt from the rows held in memory (nothing
 *   else is read);
 * - an area: membership, exits and the sums from memory, on the same topology.
 *
 * The settings, another database (a restore) or a very large write (an import) build it all from
 * the database. The result always equals a full recompute, bit for bit (tests/unit/capacity/
 * incremental.test.ts, incrementalProperty.test.ts).
 */
import type { Database } from 'better-sqlite3';
import { buildTopology, patchAnalysis, rankOnTopologyIndexed, sameShape, type CutOffIndex, type DrainageTopology, type NetworkAnalysis, type NetworkSegment } from '../../../../shared/calc';
import type { CapacitySettings } from '../../../../shared/contract/capacity';
import type { CoreContext } from '../../context';
import { ChangeFeed, type FeedTouch } from '../../db/feed/changeFeed';
import { areaExits, flowOf } from './areas';
import { areaSums, patchAreaSums, type AreaSums } from './areaSums';
import { culvertDitchFinder } from './culvertDitch';
import { loadNetwork, rowsById, type DitchRow, type NetworkRows } from './load';
import { areaMembership, type Membership } from './membership';
import { keptSums, patchShape, type MovedShape } from './movedShape';
import { analysisInput, networkLookups, segmentOf, type NetworkLookups } from './ranking';
import { patchRankingSums, rankingSums, type RangeRunoffSums } from './rankingSums';
import { evaluateCulverts, evaluateDitches, type EvaluatedCulvert, type EvaluatedDitch } from './sections';
import { getCapacitySettings } from './settings';
import { totalsSums, type Totals, type TotalsSums } from './totals';

/** The tables whose rows the network state is made of. */
const NETWORK_TABLES = ['ditch', 'culvert', 'area', 'blockage'] as const;
type NetworkTable = (typeof NETWORK_TABLES)[number];

/** Past this many rows written since the last report, reading everything again is cheaper than patching. */
const PATCH_LIMIT = 2000;

/** What the report reads of the network; see the file comment for when each part is recomputed. */
export interface NetworkState {
  settings: CapacitySettings;
  rows: NetworkRows;
  ditches: EvaluatedDitch[];
  culverts: EvaluatedCulvert[];
  membership: Membership;
  analysis: NetworkAnalysis;
  names: Map<string, string>;
  lookups: NetworkLookups;
  /** The ditches leaving each area. */
  exitsOfArea: number[][];
  /** Storage and conveyance by kind, work, condition and village. */
  totals: Totals;
  /** The analysis's cut-off ranges and their sums. */
  index: CutOffIndex;
  /** Per cut-off range: catchment by area, ditches without an area or a section (rankingSums.ts). */
  rankingSums: RangeRunoffSums[];
  /** Each area's ditches summed. */
  areaSums: AreaSums[];
  /** Ids of the ditches (not rivers) whose section data are invalid. */
  invalidIds: Set<string>;
}

/** The state kept in CoreContext.state, with what it was computed from. */
export interface CapacityNetwork extends NetworkState {
  db: Database;
  townshipId: string;
  settingsKey: string;
  /** The change feed's seq the state is up to date with. */
  seq: number;
  segments: NetworkSegment[];
  topology: DrainageTopology;
  totalsSums: TotalsSums;
  /** Indexes in `culverts` of the culverts on each ditch. */
  culvertsOfDitch: Map<string, number[]>;
}

/** A ditch replaced in place: at index i, evaluated before and after. */
interface EditedDitch {
  i: number;
  before: EvaluatedDitch;
  after: EvaluatedDitch;
  beforeSegment: NetworkSegment;
}

const ditchName = (d: { name: string }) => d.name || '未命名沟渠';
const blockageName = (b: { name: string }) => b.name || '未命名堵点';

function namesOf(rows: NetworkRows): Map<string, string> {
  const names = new Map<string, string>();
  for (const d of rows.ditches) names.set(d.id, ditchName(d));
  for (const b of rows.openBlockages) names.set(b.id, blockageName(b));
  return names;
}

/**
 * The ranking on the state's topology and the sums kept with it, from the rows and ditches in
 * memory: O(B log B + positions the blockages' ranges cover). After a move patched in place
 * (`moved`), the areas' sums are already patched and a range that holds the same ditches with the
 * same figures keeps its sums (only its position may have shifted), so only the ranges the move
 * reached are summed again.
 */
function analyse(state: Pick<CapacityNetwork, 'topology' | 'segments' | 'rows' | 'settings' | 'ditches' | 'membership' | 'areaSums'>, moved: MovedShape | null = null) {
  const { blockages, options } = analysisInput(state.rows.openBlockages, state.settings);
  const kept = moved ? keptSums(state.topology, moved) : undefined;
  const { analysis, index } = rankOnTopologyIndexed(state.topology, state.segments, blockages, options, kept?.cutOff);
  return {
    analysis,
    index,
    rankingSums: rankingSums(index, state.topology, state.ditches, state.membership, kept?.runoff),
    areaSums: moved ? state.areaSums : areaSums(state.membership, state.ditches),
  };
}

const isInvalid = (d: EvaluatedDitch) => d.figures === null && d.row.kind !== 'river';

function invalidIdsOf(ditches: readonly EvaluatedDitch[]): Set<string> {
  return new Set(ditches.filter(isInvalid).map((d) => d.row.id));
}

function culvertsByDitch(culverts: readonly EvaluatedCulvert[]): Map<string, number[]> {
  const byDitch = new Map<string, number[]>();
  culverts.forEach((c, j) => {
    if (c.ditchId === null) return;
    const list = byDitch.get(c.ditchId);
    if (list) list.push(j);
    else byDitch.set(c.ditchId, [j]);
  });
  return byDitch;
}

/**
 * Membership, segments, topology, look-ups and area exits of the rows and evaluated ditches in
 * `state`; `topology` kept when no ditch's shape changed, `indexOf` when the ditch list kept its order.
 */
function shapeFromRows(state: Pick<CapacityNetwork, 'rows' | 'ditches' | 'settings'>, topology: DrainageTopology | null, indexOf?: Map<string, number>) {
  const membership = areaMembership(state.rows.ditches, state.rows.areas);
  const segments = state.ditches.map((d, i) => segmentOf(d, membership.catchmentM2[i] ?? null));
  const topo = topology ?? buildTopology(segments, state.settings.snapToleranceM);
  const lookups = networkLookups(state.ditches, topo, indexOf);
  const exitsOfArea = areaExits(state.ditches, state.rows.areas, membership.grid, flowOf(topo));
  return { membership, segments, topology: topo, lookups, exitsOfArea };
}

/** Everything from the database, up to date with the feed at `seq` (read before the rows). */
function rebuild(ctx: CoreContext, settings: CapacitySettings, settingsKey: string, seq: number): CapacityNetwork {
  const rows = loadNetwork(ctx);
  const ditches = evaluateDitches(rows.ditches, settings);
  const shape = shapeFromRows({ rows, ditches, settings }, null);
  const culverts = evaluateCulverts(rows.culverts, culvertDitchFinder(rows.ditches, shape.topology), settings);
  const partial = { settings, rows, ditches, culverts, ...shape, areaSums: [] };
  const sums = totalsSums(ditches);
  return {
    ...partial,
    ...analyse(partial),
    totalsSums: sums,
    totals: sums.totals(),
    invalidIds: invalidIdsOf(ditches),
    culvertsOfDitch: culvertsByDitch(culverts),
    names: namesOf(rows),
    db: ctx.db,
    townshipId: ctx.townshipId,
    settingsKey,
    seq,
  };
}

/** `list` with the rows of `ids` replaced by `fresh` (those still live), in rowid order as a full read gives. */
function replaceById<T extends { id: string; rowid: number }>(list: readonly T[], ids: ReadonlySet<string>, fresh: readonly T[]): T[] {
  const kept = list.filter((x) => !ids.has(x.id));
  if (fresh.length === 0) return kept;
  const incoming = [...fresh].sort((a, b) => a.rowid - b.rowid);
  const out: T[] = [];
  let j = 0;
  for (const x of kept) {
    while (j < incoming.length && incoming[j]!.rowid < x.rowid) out.push(incoming[j++]!);
    out.push(x);
  }
  while (j < incoming.length) out.push(incoming[j++]!);
  return out;
}

/** The touched row ids of each network table. */
function touchedIds(touched: readonly FeedTouch[]): Record<NetworkTable, Set<string>> {
  const ids: Record<NetworkTable, Set<string>> = { ditch: new Set(), culvert: new Set(), area: new Set(), blockage: new Set() };
  for (const t of touched) ids[t.table as NetworkTable].add(t.rowId);
  return ids;
}

/**
 * Ditches written since. Edited ones are replaced in place; `shapeChanged` when any line, kind or
 * length changed or a ditch came or went (then the list is made again in rowid order); `edited`
 * lists the rows replaced in place.
 */
function patchDitches(state: CapacityNetwork, ids: ReadonlySet<string>, fresh: readonly DitchRow[]): { shapeChanged: boolean; reordered: boolean; edited: EditedDitch[]; appended: number[] } {
  const byId = new Map(fresh.map((r) => [r.id, r]));
  const edited: (EditedDitch & { segment: NetworkSegment })[] = [];
  const newRows: DitchRow[] = [];
  let shapeChanged = false;
  let cameOrWent = false;
  const lastRowid = state.rows.ditches.length > 0 ? state.rows.ditches[state.rows.ditches.length - 1]!.rowid : -Infinity;
  for (const id of ids) {
    const i = state.lookups.indexOf.get(id);
    const row = byId.get(id);
    if (i === undefined && row === undefined) continue;
    // A new row after every other comes last in the list (no index moves); kept apart below.
    if (i === undefined && row!.rowid > lastRowid) {
      newRows.push(row!);
      continue;
    }
    // A deleted or restored ditch moves the indexes after it.
    if (i === undefined || row === undefined) {
      cameOrWent = true;
      break;
    }
    const evaluated = evaluateDitches([row], state.settings)[0]!;
    const segment = segmentOf(evaluated, state.membership.catchmentM2[i] ?? null);
    // Membership places ditches by midpoint and splits an area's land by length; the topology
    // follows ids, kinds and lines.
    if (!sameShape(state.segments[i]!, segment) || row.length_m !== state.rows.ditches[i]!.length_m) shapeChanged = true;
    edited.push({ i, before: state.ditches[i]!, after: evaluated, beforeSegment: state.segments[i]!, segment });
  }
  if (cameOrWent) {
    const kept = new Map(state.ditches.map((d) => [d.row.id, d]));
    state.rows.ditches = replaceById(state.rows.ditches, ids, fresh);
    state.ditches = state.rows.ditches.map((row) => (ids.has(row.id) ? evaluateDitches([row], state.settings)[0]! : kept.get(row.id)!));
    return { shapeChanged: true, reordered: true, edited: [], appended: [] };
  }
  for (const { i, after, segment } of edited) {
    state.rows.ditches[i] = after.row;
    state.ditches[i] = after;
    state.segments[i] = segment;
  }
  const appended = appendDitches(state, newRows);
  return { shapeChanged: shapeChanged || appended.length > 0, reordered: false, edited, appended };
}

/**
 * New ditches drawn after every other (by rowid) put at the end of the lists, as a full read would
 * put them: evaluated, with a segment and an empty place in the membership (the shape's patch or
 * rebuild places them). Returns their indexes.
 */
function appendDitches(state: CapacityNetwork, rows: DitchRow[]): number[] {
  if (rows.length === 0) return [];
  rows.sort((a, b) => a.rowid - b.rowid);
  const { membership } = state;
  const finestArea = new Int32Array(state.ditches.length + rows.length).fill(-1);
  finestArea.set(membership.finestArea);
  membership.finestArea = finestArea;
  return rows.map((row) => {
    const i = state.ditches.length;
    const evaluated = evaluateDitches([row], state.settings)[0]!;
    state.rows.ditches.push(row);
    state.ditches.push(evaluated);
    state.segments.push(segmentOf(evaluated, null));
    membership.areasOfDitch.push([]);
    membership.catchmentM2.push(null);
    state.lookups.indexOf.set(row.id, i);
    return i;
  });
}

/** Culverts written since, and those on edited ditches (their slope and message come from the ditch). */
function patchCulverts(ctx: CoreContext, state: CapacityNetwork, ids: ReadonlySet<string>, editedDitches: readonly EditedDitch[], shapeChanged: boolean): void {
  const { settings } = state;
  if (ids.size === 0 && !shapeChanged) {
    // Only the culverts on the edited ditches (the same ditches: no line moved).
    for (const { after } of editedDitches) {
      for (const j of state.culvertsOfDitch.get(after.row.id) ?? []) state.culverts[j] = evaluateCulverts([state.culverts[j]!.row], () => after.row, settings)[0]!;
    }
    return;
  }
  if (ids.size > 0) state.rows.culverts = replaceById(state.rows.culverts, ids, rowsById(ctx).culverts([...ids]));
  if (shapeChanged) {
    // Which ditch a culvert without a ditch_id sits on follows the lines.
    state.culverts = evaluateCulverts(state.rows.culverts, culvertDitchFinder(state.rows.ditches, state.topology), settings);
  } else {
    const edited = new Map(editedDitches.map((d) => [d.after.row.id, d.after.row]));
    const before = new Map(state.culverts.map((c) => [c.row.id, c]));
    let finder: ReturnType<typeof culvertDitchFinder> | null = null;
    state.culverts = state.rows.culverts.map((row) => {
      const old = before.get(row.id);
      if (!ids.has(row.id) && old) {
        const ditch = old.ditchId === null ? undefined : edited.get(old.ditchId);
        return ditch ? evaluateCulverts([row], () => ditch, settings)[0]! : old;
      }
      finder ??= culvertDitchFinder(state.rows.ditches, state.topology);
      return evaluateCulverts([row], finder, settings)[0]!;
    });
  }
  state.culvertsOfDitch = culvertsByDitch(state.culverts);
}

/** Bring `state` up to date with the rows the feed says were written. */
function patch(ctx: CoreContext, state: CapacityNetwork, touched: readonly FeedTouch[]): void {
  const ids = touchedIds(touched);
  const read = rowsById(ctx);
  if (ids.blockage.size > 0) {
    const fresh = read.openBlockages([...ids.blockage]);
    state.rows.openBlockages = replaceById(state.rows.openBlockages, ids.blockage, fresh);
    for (const id of ids.blockage) state.names.delete(id);
  }
  if (ids.area.size > 0) state.rows.areas = replaceById(state.rows.areas, ids.area, read.areas([...ids.area]));
  const ditchIds = ids.ditch;
  const { shapeChanged, reordered, edited, appended } = ditchIds.size > 0 ? patchDitches(state, ditchIds, read.ditches([...ditchIds])) : { shapeChanged: false, reordered: false, edited: [], appended: [] };
  // A move or a new ditch at the end patches the shape; a ditch deleted or restored, or an area written, makes it again.
  const moved = shapeChanged && !reordered && ids.area.size === 0 ? patchShape(state, [...edited.map((e) => e.i), ...appended]) : null;
  if (!moved && (shapeChanged || ids.area.size > 0)) Object.assign(state, shapeFromRows(state, shapeChanged ? null : state.topology, reordered ? undefined : state.lookups.indexOf));
  patchCulverts(ctx, state, ids.culvert, edited, shapeChanged);
  if (ditchIds.size > 0) {
    if (reordered) {
      state.totalsSums = totalsSums(state.ditches);
      state.invalidIds = invalidIdsOf(state.ditches);
    } else {
      for (const { before, after } of edited) {
        state.totalsSums.add(before, -1);
        state.totalsSums.add(after, 1);
        if (isInvalid(after)) state.invalidIds.add(after.row.id);
        else state.invalidIds.delete(after.row.id);
      }
      for (const i of appended) {
        state.totalsSums.add(state.ditches[i]!, 1);
        if (isInvalid(state.ditches[i]!)) state.invalidIds.add(state.ditches[i]!.row.id);
      }
    }
    state.totals = state.totalsSums.totals();
    for (const id of ditchIds) {
      const i = state.lookups.indexOf.get(id);
      if (i === undefined) state.names.delete(id);
      else state.names.set(id, ditchName(state.rows.ditches[i]!));
    }
  }
  for (const b of state.rows.openBlockages) if (ids.blockage.has(b.id)) state.names.set(b.id, blockageName(b));
  if (shapeChanged || ids.blockage.size > 0 || ids.area.size > 0) {
    Object.assign(state, analyse(state, moved));
  } else if (edited.length > 0) {
    // The same topology, blockages and areas: only what lies downstream of, or around, each edited ditch.
    const { options } = analysisInput([], state.settings);
    for (const { i, before, after, beforeSegment } of edited) {
      patchAnalysis(state.analysis, state.index, state.topology, state.topology.ditchOf[i]!, beforeSegment, state.segments[i]!, options);
      patchRankingSums(state.rankingSums, state.index, state.topology, i, before, after);
      patchAreaSums(state.areaSums, state.membership, i, before, after);
    }
  }
  state.seq = touched[touched.length - 1]!.seq;
}

/**
 * The network side of the report for `ctx`: reused while nothing was written, patched for the
 * rows written since, rebuilt from the database otherwise, so changing the rain, the method or the
 * day stays instant and an edit costs little more than reading the rows it touched.
 */
export function networkState(ctx: CoreContext): NetworkState {
  const settings = getCapacitySettings(ctx);
  const settingsKey = JSON.stringify(settings);
  const feed = new ChangeFeed(ctx.db, ctx.townshipId);
  // Inside a write transaction the rows read may yet be rolled back (and their feed seqs reused):
  // answer from them, but keep nothing.
  if (ctx.db.inTransaction) {
    const state = networkStateNow(ctx, feed, settings, settingsKey);
    ctx.state.capacityNetwork = null;
    return state;
  }
  return networkStateNow(ctx, feed, settings, settingsKey);
}

function networkStateNow(ctx: CoreContext, feed: ChangeFeed, settings: CapacitySettings, settingsKey: string): NetworkState {
  const cached = ctx.state.capacityNetwork;
  if (cached && cached.db === ctx.db && cached.townshipId === ctx.townshipId && cached.settingsKey === settingsKey) {
    const touched = feed.touchedSince(cached.seq, NETWORK_TABLES);
    if (touched.length === 0) return cached;
    if (touched.length <= PATCH_LIMIT) {
      patch(ctx, cached, touched);
      return cached;
    }
  }
  // The feed's position first: a write committed while the rows are read is then read again next time.
  const state = rebuild(ctx, settings, settingsKey, feed.lastSeq());
  ctx.state.capacityNetwork = state;
  return state;
}
