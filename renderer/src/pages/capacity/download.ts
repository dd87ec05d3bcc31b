export { downloadBase64 } from '../../components/download';
