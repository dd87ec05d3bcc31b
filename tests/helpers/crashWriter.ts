// A writer for the crash-safety test: opens the core on a data folder and makes writes through the
// dispatcher as fast as it can, printing each id once its write is acknowledged (the dispatcher
// returned ok, i.e. the transaction committed). The test kills it with SIGKILL at random moments.
import { openCore } from '../../electron/core/app';

const [dataDir, prefix = 'w'] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: crashWriter DATA_DIR PREFIX');
const core = await openCore({ dataDir, transport: 'test' });
process.stdout.write('ready\n');
for (let n = 0; ; n++) {
  // Two kinds: a team (one row and its history) and a ditch (feature, R*Tree entry and history).
  const name = `${prefix}-${n}`;
  const r =
    n % 2 === 0
      ? await core.dispatch('teams.save', { name })
      : await core.dispatch('network.create', {
          layer: 'ditch',
          geometry: { type: 'LineString', coordinates: [[124.2 + (n % 1000) * 1e-4, 43.4], [124.2 + (n % 1000) * 1e-4, 43.401]] },
          properties: { kind: 'field', name },
        });
  if (!r.ok) {
    process.stderr.write(`${name}: ${r.error.message}\n`);
    process.exit(3);
  }
  process.stdout.write(`ack ${n % 2 === 0 ? 'team' : 'ditch'} ${name} ${(r.value as { id: string }).id}\n`);
}
