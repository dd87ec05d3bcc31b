// How fast `npm run cli -- … --help` answers (issue 17): the bundled CLI (scripts/cli.mjs, bundle
// already built) against a bare `node` start in the same run, and the old path (tsx transpiling
// TypeScript at every start) for comparison.
import { execFileSync } from 'node:child_process';
import { median, report } from './lib';

export async function benchCliStart(): Promise<void> {
  const node = (args: string[]) => () => execFileSync(process.execPath, args, { stdio: 'ignore' });
  const bare = await median(5, node(['-e', '0']));
  const bundled = await median(5, node(['scripts/cli.mjs', 'settings', '--help']));
  const tsx = await median(3, node(['--import', 'tsx', 'electron/core/cli/main.ts', 'settings', '--help']));
  report('cli settings --help (bundle) vs bare node', bundled, bare);
  report('cli settings --help (tsx, before) vs bare node', tsx, bare);
  console.log(`cli start: bundle ${bundled.toFixed(0)} ms, tsx ${tsx.toFixed(0)} ms (${(tsx / bundled).toFixed(1)}× faster); target well under 1000 ms ${bundled < 1000 ? '✓' : '✗'}`);
}
