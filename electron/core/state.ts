import { SerialQueue } from './serialQueue';
import type { CapacityNetwork } from './services/capacity/networkState';
import type { TileArchive } from './services/basemap/offlineTiles';
import { PreviewStore } from './services/imports/previewStore';
import { PendingSheets } from './services/sheets/pending';
import type { DivisionIndex } from './services/setup/divisionIndex';
import type { FieldServer } from './field/server';
import type { NetworkTileIndex } from './services/tiles/tileIndex';

/**
 * What a running core keeps in memory between calls (never data: that is in the database). One
 * per core, made by openCore, so two cores in one process (tests, a CLI beside browser mode)
 * never share it.
 */
export interface CoreState {
  /** Parsed network files waiting for the user's confirmation. */
  previews: PreviewStore;
  /** Sheets being issued, while their print view is printed. */
  pendingSheets: PendingSheets;
  /** Sheet issues run one at a time, so two clicks cannot take the same number. */
  issues: SerialQueue;
  /** Offline basemap files, each opened once (a map view asks for hundreds of tiles). */
  tileArchives: Map<string, Promise<TileArchive>>;
  /** The capacity report's network side, patched from the change feed (services/capacity/networkState.ts). */
  capacityNetwork: CapacityNetwork | null;
  /** The national division list of the first-run setup, read on first use (about 0.3 s). */
  divisions: DivisionIndex | null;
  /** The LAN field server while it runs (turned on from the app); it outlives the calls that start it. */
  fieldServer: FieldServer | null;
  /** The map's vector-tile index, patched from the change feed (services/tiles); built on the first tile asked for. */
  networkTiles: NetworkTileIndex | null;
}

export function createCoreState(): CoreState {
  return { previews: new PreviewStore(), pendingSheets: new PendingSheets(), issues: new SerialQueue(), tileArchives: new Map(), capacityNetwork: null, divisions: null, fieldServer: null, networkTiles: null };
}
