import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Files inside a data folder: the database, its backups, and (later) photos. */
export function dataPaths(dataDir: string) {
  const dir = resolve(dataDir);
  return {
    dataDir: dir,
    databaseFile: join(dir, 'draindesk.sqlite'),
    backupsDir: join(dir, 'backups'),
  };
}

/**
 * The same folder Electron calls userData for this app, so browser mode and the CLI open the
 * desktop app's database when no --data is given.
 */
export function defaultDataDir(): string {
  const home = homedir();
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'DrainDesk');
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'DrainDesk');
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'DrainDesk');
}
