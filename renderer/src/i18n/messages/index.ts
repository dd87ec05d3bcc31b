import { commonMessages } from './common';
import { settingsMessages } from './settings';
import { mapMessages } from './map';
import { dashboardMessages } from './dashboard';
import { deploymentsMessages } from './deployments';
import { rainfallMessages } from './rainfall';
import { blockagesMessages } from './blockages';
import { capacityMessages } from './capacity';
import { sheetMessages } from './sheet';
import { setupMessages } from './setup';
import { patrolMessages } from './patrol';
import { syncMessages } from './sync';
import { countyMessages } from './county';
import { dispatchMessages } from './dispatch';

/**
 * Every screen's texts. Each area keeps its own file with `zh` and `en` side by side; add one line
 * here. defineMessages makes tsc check that `en` has every key `zh` has.
 */
const parts = [commonMessages, mapMessages, settingsMessages, dashboardMessages, deploymentsMessages, rainfallMessages, blockagesMessages, capacityMessages, sheetMessages, setupMessages, patrolMessages, syncMessages, countyMessages, dispatchMessages] as const;

type Part = (typeof parts)[number];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
export type MessageKey = keyof UnionToIntersection<Part['zh']>;

export const zh = Object.assign({}, ...parts.map((p) => p.zh)) as Record<MessageKey, string>;
export const en = Object.assign({}, ...parts.map((p) => p.en)) as Record<MessageKey, string>;
