// npm run bench [-- name…]: each benchmark prints its ratio against a baseline measured in the same run.
import { benchWritePath } from './write-path';
import { benchSheet } from './sheet';
import { benchCapacity } from './capacity';
import { benchNetwork } from './network';
import { benchMap } from './map';
import { benchMapPixels } from './map-pixels';
import { benchFieldBurst } from './field-burst';
import { benchCliStart } from './cli-start';
import { benchCountySync } from './county-sync';
import { benchDispatch } from './dispatch';
import { benchScale } from './scale';
import { benchImport } from './import';
import { benchCountyPhone } from './county-phone';
import { benchCountyMap } from './county-map';

const all: Record<string, () => Promise<void>> = {
  'write-path': benchWritePath,
  sheet: benchSheet,
  capacity: benchCapacity,
  network: benchNetwork,
  map: benchMap,
  'map-pixels': benchMapPixels,
  'field-burst': benchFieldBurst,
  'cli-start': benchCliStart,
  'county-sync': benchCountySync,
  dispatch: benchDispatch,
  scale: benchScale,
  import: benchImport,
  'county-phone': benchCountyPhone,
  'county-map': benchCountyMap,
};

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(all)) {
  if (wanted.length === 0 || wanted.includes(name)) await run();
}
