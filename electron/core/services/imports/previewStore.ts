import { randomUUID } from 'node:crypto';
import type { NetworkPreview } from '../../importers/network/types';

const TTL_MS = 30 * 60 * 1000;
const MAX = 4;

/**
 * Parsed files waiting for the user's confirmation. Kept in memory only (a preview is never data):
 * a few at a time, each for half an hour. One per core (CoreContext.state), not per process.
 */
export class PreviewStore {
  private readonly previews = new Map<string, { preview: NetworkPreview; at: number }>();

  /** Keep a preview; returns the id the UI confirms it by. */
  keep(preview: NetworkPreview): string {
    const now = Date.now();
    for (const [k, v] of this.previews) if (now - v.at > TTL_MS) this.previews.delete(k);
    while (this.previews.size >= MAX) this.previews.delete(this.previews.keys().next().value!);
    const id = randomUUID();
    this.previews.set(id, { preview, at: now });
    return id;
  }

  take(id: string): NetworkPreview | undefined {
    return this.previews.get(id)?.preview;
  }

  drop(id: string): void {
    this.previews.delete(id);
  }
}
