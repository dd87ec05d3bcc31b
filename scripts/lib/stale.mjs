// "Is this build output older than its sources?" for the scripts that build on demand (serve, cli).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time of any file under the given folders or files. */
export function newestMtime(paths) {
  let t = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const s = statSync(p);
    if (!s.isDirectory()) {
      t = Math.max(t, s.mtimeMs);
      continue;
    }
    t = Math.max(t, newestMtime(readdirSync(p).map((name) => join(p, name))));
  }
  return t;
}

/** True when `output` is missing or older than the newest of `sources`. */
export function isStale(output, sources) {
  return !existsSync(output) || newestMtime(sources) > statSync(output).mtimeMs;
}
