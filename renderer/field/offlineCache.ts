/**
 * The team's last list and who the phone is, kept on the phone, so a page reopened with no
 * signal (from the service worker's cache) still shows the blockages and their small maps.
 */
import type { PhoneBlockage, PhoneOutput } from '../../shared/contract/field';

const KEY = 'draindesk.field.cache';
const SEEN_KEY = 'draindesk.field.seen';

export interface CachedList {
  me: PhoneOutput<'phone.me'>;
  blockages: PhoneBlockage[];
  savedAt: string;
}

export function loadCachedList(): CachedList | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as CachedList) : null;
  } catch {
    return null;
  }
}

export function saveCachedList(me: PhoneOutput<'phone.me'>, blockages: PhoneBlockage[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ me, blockages, savedAt: new Date().toISOString() } satisfies CachedList));
  } catch {
    // A full storage only loses the offline copy; the live list still shows.
  }
}

/**
 * Blockages assigned to the team that this phone has not shown before: marked 新 until opened.
 * The first list a phone ever sees sets the baseline, so a new phone is not told all is new.
 */
export function newlyAssigned(blockages: PhoneBlockage[]): Set<string> {
  const assigned = blockages.filter((b) => b.assigned && (b.status === 'assigned' || b.status === 'in_progress')).map((b) => b.id);
  const raw = localStorage.getItem(SEEN_KEY);
  if (raw === null) {
    localStorage.setItem(SEEN_KEY, JSON.stringify(assigned));
    return new Set();
  }
  const seen = new Set(JSON.parse(raw) as string[]);
  return new Set(assigned.filter((id) => !seen.has(id)));
}

/** The team has looked at this blockage: it is no longer new. */
export function markSeen(id: string): void {
  const seen = new Set(JSON.parse(localStorage.getItem(SEEN_KEY) ?? '[]') as string[]);
  seen.add(id);
  localStorage.setItem(SEEN_KEY, JSON.stringify([...seen]));
}
