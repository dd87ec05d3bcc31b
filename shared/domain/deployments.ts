/**
 * The deployment vocabularies (codes and the labels users read), without the zod schemas of
 * `contract/deployments.ts`: the print view imports them and must not load zod (issue 15).
 */

/** What a team did at a place: 抽 pumping · 疏 guiding water · 挖 digging · 清 clearing · 铺 culvert laying · 巡 patrol. */
export const DEPLOYMENT_TASKS = ['pump', 'guide', 'dig', 'clear', 'culvert', 'patrol'] as const;
export type DeploymentTask = (typeof DEPLOYMENT_TASKS)[number];
export const DEPLOYMENT_TASK_LABELS: Record<DeploymentTask, { short: string; zh: string; en: string }> = {
  pump: { short: '抽', zh: '抽排', en: 'Pumping' },
  guide: { short: '疏', zh: '疏导', en: 'Guiding water' },
  dig: { short: '挖', zh: '挖沟', en: 'Digging' },
  clear: { short: '清', zh: '清淤', en: 'Clearing' },
  culvert: { short: '铺', zh: '铺涵', en: 'Culvert laying' },
  patrol: { short: '巡', zh: '巡查', en: 'Patrol' },
};
