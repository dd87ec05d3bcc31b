import type { HandlersFor } from '../../api/handlerTypes';
import { commitPreview, exportNetworkFile, previewImport } from './importService';

export const importHandlers: HandlersFor<'import.preview' | 'import.commit' | 'network.export'> = {
  'import.preview': async (input, ctx) => (await previewImport(ctx.state.previews, input.fileName, Buffer.from(input.dataBase64, 'base64'), ctx.networkParser)).view,
  'import.commit': (input, ctx) => commitPreview(ctx, input.previewId, { crs: input.crs, ...(input.datumShift ? { datumShift: input.datumShift } : {}), ...(input.mapping ? { mapping: input.mapping } : {}), ...(input.layerOverrides ? { layerOverrides: input.layerOverrides } : {}) }),
  'network.export': (input, ctx) => exportNetworkFile(ctx, input.format, input.layers, input.encoding),
};
