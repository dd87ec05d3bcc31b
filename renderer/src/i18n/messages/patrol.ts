/** patrol (巡查) texts on the desk: Chinese first, English second. */
import { defineMessages } from '../define';

export const patrolMessages = defineMessages({
  zh: {
    'patrol.layer': '巡查轨迹（24 小时）',
    'patrol.walked': '已巡查沟渠',
    'patrol.share': '覆盖率',
    'patrol.noVillage': '未填村',
    'patrol.none': '24 小时内没有巡查轨迹',
  },
  en: {
    'patrol.layer': 'Patrol tracks (24 h)',
    'patrol.walked': 'Ditches patrolled',
    'patrol.share': 'coverage',
    'patrol.noVillage': 'no village',
    'patrol.none': 'No patrol tracks in the last 24 hours',
  },
});
