import type { z } from 'zod';
import type { ChangeEntry } from '../../../../shared/contract/changeFeed';
import {
  disconnectResponseSchema,
  enrolResponseSchema,
  pullResponseSchema,
  pushResponseSchema,
  type EnrolRequest,
  type EnrolResponse,
  type PullResponse,
  type PushResponse,
} from '../../../../shared/contract/sync';
import { SyncFailure } from './failure';
import type { SyncTransport } from './transport';

/** The county server's sync routes (shared/contract/sync.ts), each answer checked with its schema. */
export class SyncWire {
  constructor(readonly transport: SyncTransport) {}

  async enrol(request: EnrolRequest): Promise<EnrolResponse> {
    return checked(enrolResponseSchema, await this.transport.postJson('/sync/enrol', request), '/sync/enrol');
  }

  async disconnect(): Promise<void> {
    checked(disconnectResponseSchema, await this.transport.postJson('/sync/disconnect', {}), '/sync/disconnect');
  }

  async push(entries: ChangeEntry[]): Promise<PushResponse> {
    return checked(pushResponseSchema, await this.transport.postJson('/sync/push', { entries }), '/sync/push');
  }

  async pull(since: string, limit: number): Promise<PullResponse> {
    return checked(pullResponseSchema, await this.transport.postJson('/sync/pull', { since, limit }), '/sync/pull');
  }
}

function checked<S extends z.ZodType>(schema: S, value: unknown, path: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new SyncFailure('server_error', {
    zh: `县服务器的回答格式不对（${path}）：可能是版本不一致，请联系县防汛办`,
    en: `The county server's answer has an unexpected shape (${path}): perhaps a version mismatch; contact the county office`,
  });
}
