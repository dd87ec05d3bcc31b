import { useEffect, useRef, useState } from 'react';
import type { BlockageChange } from '../../../../shared/contract/blockages';
import { invoke } from '../../api/client';

/** How often the desk asks for changes: cheap (one indexed query), and works over IPC and HTTP alike. */
export const POLL_MS = 2000;

/**
 * Watch for blockage changes without reloading: polls `blockages.changesSince` and returns a
 * version that moves whenever anything changed (a field update, another window, an import).
 * `onChanges` hears about the new events themselves, e.g. to announce field updates.
 */
export function useBlockageFeed(onChanges: (changes: BlockageChange[]) => void): { version: string | null; live: boolean } {
  const [version, setVersion] = useState<string | null>(null);
  const [live, setLive] = useState(true);
  const listener = useRef(onChanges);
  listener.current = onChanges;
  useEffect(() => {
    let cursor: number | undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const r = await invoke('blockages.changesSince', cursor === undefined ? {} : { cursor });
        if (cursor !== undefined && r.changes.length > 0) listener.current(r.changes);
        cursor = r.cursor;
        setVersion(r.version);
        setLive(true);
      } catch {
        setLive(false);
      }
      if (!stopped) timer = setTimeout(() => void tick(), document.hidden ? POLL_MS * 3 : POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);
  return { version, live };
}
