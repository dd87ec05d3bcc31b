/** A short message at the bottom of the phone page. */
export interface Toast {
  id: number;
  text: string;
  kind: 'ok' | 'wait' | 'bad';
}

export const TOAST_MS = 4000;

type SetToast = (update: (current: Toast | null) => Toast | null) => void;
interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
}

/**
 * `say(text, kind)`: show a toast for `ms`. Each toast's timer removes only that toast, so the
 * same words said twice in a row (two updates sent three seconds apart) stay up their full time
 * instead of vanishing with the first one's timer.
 */
export function toaster(set: SetToast, timers: Timers = globalThis, ms = TOAST_MS): (text: string, kind?: Toast['kind']) => void {
  let seq = 0;
  return (text, kind = 'ok') => {
    const id = ++seq;
    set(() => ({ id, text, kind }));
    timers.setTimeout(() => set((current) => (current?.id === id ? null : current)), ms);
  };
}
