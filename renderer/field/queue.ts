/**
 * The phone's outbox: every update is stored in IndexedDB first, with the id made on the phone,
 * then sent in order. A lost network leaves it waiting; a retry after a lost answer is harmless
 * because the server knows the id. Falls back to memory where IndexedDB is unavailable.
 */
import type { PhoneInput } from '../../shared/contract/field';

export type Outgoing =
  | { procedure: 'phone.update'; input: PhoneInput<'phone.update'> }
  | { procedure: 'phone.report'; input: PhoneInput<'phone.report'> }
  | { procedure: 'phone.track'; input: PhoneInput<'phone.track'> };

export type Pending = Outgoing & {
  clientId: string;
  createdAt: string;
  /** What the team sees in the outbox, e.g. "已疏通 · 太平村涵管堵点". */
  label: string;
  /** Set when the server refused it (it will not be retried). */
  error?: string;
};

const DB = 'draindesk-field';
const STORE = 'outbox';
let memory: Pending[] | null = null;

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'clientId' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function withStore<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const req = fn(tx.objectStore(STORE));
    tx.oncomplete = () => {
      db.close();
      resolve(req.result);
    };
    tx.onerror = () => {
      db.close();
      reject(tx.error);
    };
  });
}

async function usable(): Promise<boolean> {
  if (memory) return false;
  try {
    if (typeof indexedDB === 'undefined') throw new Error('no IndexedDB');
    (await open()).close();
    return true;
  } catch {
    memory = [];
    return false;
  }
}

export async function enqueue(item: Pending): Promise<void> {
  if (await usable()) await withStore('readwrite', (s) => s.put(item));
  else memory!.push(item);
}

export async function pending(): Promise<Pending[]> {
  const all = (await usable()) ? await withStore<Pending[]>('readonly', (s) => s.getAll() as IDBRequest<Pending[]>) : [...memory!];
  return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function remove(clientId: string): Promise<void> {
  if (await usable()) await withStore('readwrite', (s) => s.delete(clientId));
  else memory = memory!.filter((p) => p.clientId !== clientId);
}

export async function markFailed(item: Pending, error: string): Promise<void> {
  await enqueue({ ...item, error });
}
