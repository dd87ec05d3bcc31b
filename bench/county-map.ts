// Issue 15's synthetic county (20 townships × 50,000 segments, one million) on the county page
// (`/county.html`), each figure against a baseline measured in the same run:
//  - open to idle with the whole county in view, pan/zoom fps and renderer memory: the county page
//    against a bare maplibre page drawing the same server tiles in a box of the same size;
//  - tile p95 at the zooms the whole county is seen at (the view's tile zoom and one either side): the overview's tiles against the
//    same tiles cut with every ditch on its own (what they were without the overview);
//  - what one whole-county GeoJSON would weigh (measured: every feature serialised in PostGIS),
//    against the tiles the whole-county view fetches.
// BENCH_COUNTY_TOWNSHIPS (default 20) makes a smaller county to develop with.
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { addCountyUser } from '../server/county/auth';
import { OverviewRepository } from '../server/db/repositories/overviewRepository';
import { TileRepository } from '../server/db/repositories/tileRepository';
import { startTestCluster } from '../tests/helpers/postgres';
import { startTestServer, type TestServer } from '../tests/unit/server/helpers';
import { cloneTownships, pushFirstTownship, tileOf, timeTiles, townshipEntries } from './countyData';
import { countyMapBox, countyMapSession } from './countyMapPage';
import { mid, panZoomFps } from './mapPage';
import { report } from './lib';

const TOWNSHIPS = Number(process.env.BENCH_COUNTY_TOWNSHIPS ?? 20);
const USER = { name: 'bench-county', password: 'bench-county-password-2026' };
const load = () => `load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`;
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

/** Every tile at zoom z over the bbox. */
function tilesOver(bbox: number[], z: number): [number, number, number][] {
  const [x0, y1] = tileOf(bbox[0]!, bbox[1]!, z);
  const [x1, y0] = tileOf(bbox[2]!, bbox[3]!, z);
  const out: [number, number, number][] = [];
  for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) out.push([z, x, y]);
  return out;
}

/** Bytes of the whole county as one GeoJSON FeatureCollection with the tiles' properties, serialised in PostGIS. */
async function geojsonBytes(server: TestServer): Promise<number> {
  const r = await server.ctx.pool.query(
    `SELECT sum(octet_length(json_build_object('type', 'Feature', 'geometry', ST_AsGeoJSON(f.geom)::json,
              'properties', json_build_object('layer', f.layer, 'kind', f.kind, 'status', f.status, 'name', f.name, 'township_id', f.township_id, 'township', t.name))::text) + 1) AS bytes
     FROM replica_feature f JOIN township t ON t.id = f.township_id`,
  );
  return Number(r.rows[0].bytes) + '{"type":"FeatureCollection","features":[]}'.length;
}

/** Open, pan/zoom and memory of the county page and the bare page, and tile p95, on one synthetic county. */
export async function benchCountyMap(): Promise<void> {
  const cluster = await startTestCluster();
  const server = await startTestServer(cluster);
  try {
    const t = await pushFirstTownship(server, (id) => townshipEntries(id, 'bench-desk', { blockages: true }));
    const total = await cloneTownships(server, t.townshipId, TOWNSHIPS);
    console.log(`county map: ${TOWNSHIPS} townships, ${total.toLocaleString('en-US')} features (the first township pushed in ${(t.pushMs / 1000).toFixed(1)} s); ${load()}`);
    const t0 = performance.now();
    const cells = await new OverviewRepository(server.ctx.pool).refresh();
    console.log(`  overview built from scratch: ${cells} cells in ${((performance.now() - t0) / 1000).toFixed(1)} s (zooms 6–11)`);
    await addCountyUser(server.ctx, USER.name, USER.password);
    const repo = new TileRepository(server.ctx.pool);
    const bbox = (await repo.extent())!;
    const geojson = await geojsonBytes(server);

    // The pages: open to idle three times each, alternated, in one browser.
    const session = await countyMapSession(server.url, USER, bbox, null);
    let box: { width: number; height: number };
    let viewBytes = 0;
    let viewZoom = 0;
    const ours: number[] = [];
    const bare: number[] = [];
    try {
      const first = await session.openOurs();
      box = await countyMapBox(first.page);
      viewBytes = first.tileBytes;
      viewZoom = (await first.page.evaluate('window.__countyMap.getZoom()')) as number;
      console.log(`  whole-county view: zoom ${viewZoom.toFixed(2)}, map ${box.width}×${box.height}, tiles fetched ${mb(viewBytes)}; opened in ${(first.ms / 1000).toFixed(1)} s`);
      await first.page.screenshot({ path: '/tmp/county-map-bench.png' });
      await first.page.close();
      ours.push(first.ms);
    } finally {
      await session.close();
    }
    console.log(`  one whole-county GeoJSON would weigh ${mb(geojson)} (${(geojson / viewBytes).toFixed(0)}× the tiles of the whole-county view)`);
    const paired = await countyMapSession(server.url, USER, bbox, box);
    try {
      for (let i = 0; i < 3; i++) {
        const b = await paired.openBare();
        bare.push(b.ms);
        await b.page.close();
        if (i < 2) {
          const o = await paired.openOurs();
          ours.push(o.ms);
          await o.page.close();
        }
      }
    } finally {
      await paired.close();
    }
    report('county map: open to idle, whole county (median of 3)', mid(ours), mid(bare));
    console.log(`  ${load()}`);

    // Tiles at the zooms the whole county is seen at: the view's tile zoom and one either side.
    for (const z of [Math.floor(viewZoom) - 1, Math.floor(viewZoom), Math.floor(viewZoom) + 1]) {
      const list = tilesOver(bbox, z);
      await timeTiles(repo, list.slice(0, 1));
      const ours = await timeTiles(repo, list);
      await timeTiles(repo, list.slice(0, 1), { generalise: false });
      const single = await timeTiles(repo, list, { generalise: false });
      report(`county map: tile p95 z${z} (${list.length} tiles)`, ours.p95, single.p95);
      console.log(`  z${z}: overview ${mb(ours.bytes)} against ${mb(single.bytes)} with every ditch on its own (${(single.bytes / ours.bytes).toFixed(1)}× less); ${load()}`);
    }


    // Pan/zoom and memory, each page in its own fresh browser.
    const measure = async (which: 'ours' | 'bare') => {
      const s = await countyMapSession(server.url, USER, bbox, box);
      try {
        const { page } = which === 'ours' ? await s.openOurs() : await s.openBare();
        await page.waitForTimeout(1000);
        const rss = s.rendererRss();
        const fps = await panZoomFps(page, which === 'ours' ? '__countyMap' : '__bareMap');
        return { rss, fps };
      } finally {
        await s.close();
      }
    };
    const o = await measure('ours');
    const b = await measure('bare');
    console.log(`${'county map: pan and zoom (≥ 20 fps)'.padEnd(44)} ours ${o.fps.toFixed(1)} fps   bare page ${b.fps.toFixed(1)} fps   ratio ${(o.fps / b.fps).toFixed(2)}×`);
    console.log(`${'county map: renderer memory (≤ 1.2×)'.padEnd(44)} ours ${mb(o.rss)}   bare page ${mb(b.rss)}   ratio ${(o.rss / b.rss).toFixed(2)}×; ${load()}`);
  } finally {
    await server.close();
    cluster.stop();
  }
}
