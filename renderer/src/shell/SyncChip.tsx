import type { SyncStatus } from '../../../shared/contract/syncDesk';
import { useI18n } from '../i18n/I18n';
import { useSyncStatus } from './SyncStatus';

/** A short local time for the chip: today's as HH:MM, older ones with the date. */
export function shortTime(iso: string, locale: 'zh' | 'en'): string {
  const d = new Date(iso);
  const sameDay = new Date().toDateString() === d.toDateString();
  return d.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-GB', {
    ...(sameDay ? {} : { month: 'numeric', day: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

/** The chip's words for a status: 已同步 · 待上传 N · 离线 自 … · 未联网 · 同步出错. */
export function chipText(s: SyncStatus, t: ReturnType<typeof useI18n>['t'], locale: 'zh' | 'en'): string {
  switch (s.state) {
    case 'pending':
      return `${t('sync.chip.pending')} ${s.pending}`;
    case 'offline':
      return s.offlineSince ? `${t('sync.chip.offline')} · ${t('sync.chip.since')} ${shortTime(s.offlineSince, locale)}` : t('sync.chip.offline');
    default:
      return t(`sync.chip.${s.state}`);
  }
}

/** The sync state in the title bar, on every page; a click opens 设置 → 联网同步. */
export function SyncChip({ onOpen }: { onOpen(): void }) {
  const { t, locale } = useI18n();
  const { status } = useSyncStatus();
  if (!status) return null;
  const problem = status.problem ? (locale === 'en' ? status.problem.messageEn : status.problem.message) : '';
  return (
    <button
      type="button"
      className={`sync-chip sync-${status.state}`}
      data-testid="sync-chip"
      data-state={status.state}
      title={problem || t('sync.chip.title')}
      onClick={onOpen}
    >
      <span className="sync-dot" aria-hidden />
      {chipText(status, t, locale)}
      {status.openConflicts > 0 && (
        <span className="sync-conflict-count">
          {status.openConflicts} {t('sync.chip.conflicts')}
        </span>
      )}
    </button>
  );
}
