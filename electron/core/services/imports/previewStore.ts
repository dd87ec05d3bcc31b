import { randomUUID } from 'node:crypto';
import type { NetworkPreview } from '../../importers/network/types';

/**
 * Parsed files waiting for the user's confirmation. Kept in memory only (a preview is never data):
 * a few at a time, each for half an hour.
 */
const TTL_MS = 30 * 60 * 1000;
const MAX = 4;
const previews = new Map<string, { preview: NetworkPreview; at: number }>();

export function keepPreview(preview: NetworkPreview): string {
  const now = Date.now();
  for (const [k, v] of previews) if (now - v.at > TTL_MS) previews.delete(k);
  while (previews.size >= MAX) previews.delete(previews.keys().next().value!);
  const id = randomUUID();
  previews.set(id, { preview, at: now });
  return id;
}

export function takePreview(id: string): NetworkPreview | undefined {
  return previews.get(id)?.preview;
}

export function dropPreview(id: string): void {
  previews.delete(id);
}
