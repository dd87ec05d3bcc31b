import type { NetworkSummary, SearchHit, Village } from '../../../../shared/contract/network';
import { DITCH_KINDS, DITCH_KIND_LABELS, LAYERS, type Layer } from '../../../../shared/domain/network';
import type { CoreContext } from '../../context';
import { NetworkStats } from '../../db/repositories/networkStats';
import { networkRepo } from './networkService';

type Box = [number, number, number, number];

function union(a: Box | null, b: Box): Box {
  return a ? [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])] : b;
}

/** Features whose name or village contains the query, best matches (exact, then prefix) first. */
export function searchNetwork(ctx: CoreContext, query: string, limit = 20): SearchHit[] {
  const like = `%${query.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const hits: (SearchHit & { rank: number })[] = [];
  const stats = new NetworkStats(ctx.db, ctx.townshipId);
  for (const layer of LAYERS) {
    for (const r of stats.search(layer, like, limit)) {
      const name = String(r.name ?? '');
      const detail = layer === 'ditch' ? DITCH_KIND_LABELS[r.kind as keyof typeof DITCH_KIND_LABELS]?.zh ?? '' : '';
      hits.push({
        layer,
        id: String(r.id),
        name,
        village: String(r.village ?? ''),
        detail,
        bbox: [Number(r.min_lon), Number(r.min_lat), Number(r.max_lon), Number(r.max_lat)],
        rank: name === query ? 0 : name.startsWith(query) ? 1 : name.includes(query) ? 2 : 3,
      });
    }
  }
  return hits
    .sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name, 'zh-CN'))
    .slice(0, limit)
    .map(({ rank: _rank, ...hit }) => hit);
}

/** Villages named on ditches, culverts, blockages or village areas, with their extent and counts. */
export function listVillages(ctx: CoreContext): Village[] {
  const byName = new Map<string, Village>();
  const touch = (name: string, box: Box) => {
    if (!name) return null;
    const v = byName.get(name) ?? { name, bbox: box, ditches: 0, ditchLengthM: 0, culverts: 0, openBlockages: 0 };
    v.bbox = union(v.bbox, box);
    byName.set(name, v);
    return v;
  };
  const rows = new NetworkStats(ctx.db, ctx.townshipId).villageRows();
  const box = (r: Record<string, string | number>): Box => [Number(r.a), Number(r.b), Number(r.c), Number(r.d)];
  for (const r of rows.areas) touch(String(r.name), box(r));
  for (const r of rows.ditches) {
    const v = touch(String(r.village), box(r));
    if (v) Object.assign(v, { ditches: Number(r.n), ditchLengthM: Number(r.len) });
  }
  for (const r of rows.culverts) {
    const v = touch(String(r.village), box(r));
    if (v) v.culverts = Number(r.n);
  }
  for (const r of rows.openBlockages) {
    const v = touch(String(r.village), box(r));
    if (v) v.openBlockages = Number(r.n);
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** Counts per layer, ditch length per kind, the network's extent, and whether it is sample data. */
export function networkSummary(ctx: CoreContext): NetworkSummary {
  const repo = networkRepo(ctx);
  const counts = Object.fromEntries(LAYERS.map((l: Layer) => [l, repo.count(l)])) as NetworkSummary['counts'];
  const lengths = Object.fromEntries(DITCH_KINDS.map((k) => [k, 0])) as NetworkSummary['ditchLengthByKindM'];
  const stats = new NetworkStats(ctx.db, ctx.townshipId);
  for (const r of stats.ditchLengthByKind()) lengths[r.kind as keyof typeof lengths] = r.len;
  let bbox: Box | null = null;
  for (const l of LAYERS) {
    const e = stats.extent(l);
    if (e) bbox = union(bbox, e);
  }
  const isDemo = LAYERS.some((l) => stats.hasDemo(l));
  return { counts, ditchLengthByKindM: lengths, bbox, isDemo };
}
