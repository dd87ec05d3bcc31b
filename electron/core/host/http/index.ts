/** The one HTTP host (issue 10): browser mode, the LAN field server and the county server build on it. */
export { startHost, answerClientError, DEFAULT_TIMEOUTS } from './server';
export { loopbackAccess, bearerAccess, bearerToken } from './access';
export { appSite, fieldSite } from './static';
export type { AccessPolicy, ApiTable, Host, HostOptions, HostTimeouts, StaticSite } from './types';
export { handleApi, type ApiRoute } from './api';
