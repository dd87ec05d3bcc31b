import { AppError } from '../../../../shared/contract/errors';
import type { HandlersFor } from '../../api/handlerTypes';
import { getSettings } from '../settings/settingsService';
import { contentTypeOf, tileArchive } from './offlineTiles';

function chosenFile(ctx: Parameters<typeof getSettings>[0]): string {
  const { basemap } = getSettings(ctx);
  if (basemap.kind !== 'offline' || !basemap.offlineFile) {
    throw new AppError('not_found', { zh: '没有选择离线底图文件', en: 'No offline basemap file is chosen' });
  }
  return basemap.offlineFile;
}

export const basemapHandlers: HandlersFor<'basemap.info' | 'basemap.tile'> = {
  'basemap.info': async (input, ctx) => (await tileArchive(input.file ?? chosenFile(ctx), ctx.state.tileArchives)).info,
  'basemap.tile': async (input, ctx) => {
    const archive = await tileArchive(chosenFile(ctx), ctx.state.tileArchives);
    const data = await archive.tile(input.z, input.x, input.y);
    return { dataBase64: data ? Buffer.from(data).toString('base64') : null, contentType: contentTypeOf(archive.info) };
  },
};
