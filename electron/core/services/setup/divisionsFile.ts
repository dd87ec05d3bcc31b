import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { AppError } from '../../../../shared/contract/errors';
import { DivisionIndex } from './divisionIndex';

const RELATIVE = 'divisions/divisions.tsv.gz';

/**
 * Where the division list is: DRAINDESK_DIVISIONS_FILE, the packaged app's resources folder
 * (electron-builder's extraResources), or resources/ of the working folder (browser mode, CLI).
 */
export function divisionsFileCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  return [
    env.DRAINDESK_DIVISIONS_FILE ?? null,
    resourcesPath ? join(resourcesPath, RELATIVE) : null,
    resolve(process.cwd(), 'resources', RELATIVE),
  ].filter((p): p is string => p !== null);
}

/** Read and index the division list (about 0.3 s; the core keeps the index once loaded). */
export function loadDivisions(env: NodeJS.ProcessEnv = process.env): DivisionIndex {
  const file = divisionsFileCandidates(env).find((p) => existsSync(p));
  if (!file) {
    throw new AppError('not_found', {
      zh: '找不到全国行政区划表（resources/divisions/divisions.tsv.gz），请重新安装排涝调度台，或手动填写乡镇名称和村庄',
      en: 'The national division list (resources/divisions/divisions.tsv.gz) is missing; reinstall DrainDesk, or type the township and villages by hand',
    });
  }
  return new DivisionIndex(gunzipSync(readFileSync(file)).toString('utf8'));
}
