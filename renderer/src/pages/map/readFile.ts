export { downloadText } from '../../components/download';

export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;
