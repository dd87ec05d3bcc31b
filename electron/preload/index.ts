import { contextBridge, ipcRenderer } from 'electron';
import type { DrainDeskBridge } from '../../shared/contract';

// Only one typed function crosses into the page; ipcRenderer itself never does.
const bridge: DrainDeskBridge = {
  invoke: (procedure, input) => ipcRenderer.invoke('draindesk:invoke', procedure, input),
};

contextBridge.exposeInMainWorld('draindesk', bridge);
