import type { BlockageStatus } from '../../shared/domain/network';
import { BLOCKAGE_STATUS_LABELS } from '../../shared/domain/network';
import { BLOCKAGE_EVENT_KIND_LABELS, type BlockageEventKind } from '../../shared/domain/blockageLifecycle';

export const statusText = (s: BlockageStatus) => BLOCKAGE_STATUS_LABELS[s].zh;
export const kindText = (k: BlockageEventKind) => BLOCKAGE_EVENT_KIND_LABELS[k].zh;

