/** common texts: Chinese first, English second. */
import { defineMessages } from '../define';

export const commonMessages = defineMessages({
  zh: {
    'app.title': '排涝调度台',
    'app.subtitle': '防汛排涝调度',
    'nav.settings': '设置',
    'lang.switch': 'English',
    'common.save': '保存',
    'common.saving': '正在保存…',
    'common.saved': '已保存',
    'common.undo': '撤销上次修改',
    'common.loading': '正在加载…',
    'common.retry': '重试',
    'common.errorTitle': '操作未完成',
    'common.pageFailed': '这个页面没有加载出来：',
    'common.reload': '重新加载',
  },
  en: {
    'app.title': 'DrainDesk',
    'app.subtitle': 'Flood drainage dispatch',
    'nav.settings': 'Settings',
    'lang.switch': '中文',
    'common.save': 'Save',
    'common.saving': 'Saving…',
    'common.saved': 'Saved',
    'common.undo': 'Undo last change',
    'common.loading': 'Loading…',
    'common.retry': 'Retry',
    'common.errorTitle': 'Not done',
    'common.pageFailed': 'This page did not load: ',
    'common.reload': 'Reload',
  },
});
