import { Fragment } from 'react';
import type { BackupCheck } from '../../../../shared/contract/system';
import { useI18n, type MessageKey } from '../../i18n/I18n';
import { townshipClock } from '../../../../shared/domain/dates';

/** 恢复 asks first: which backup (its date and kind), what it holds, and that the current data are kept aside. */
export function RestoreDialog(props: { check: BackupCheck; busy: boolean; onConfirm(): void; onCancel(): void }) {
  const { t } = useI18n();
  const { backup, contents } = props.check;
  const rows: [MessageKey, string | number][] = [
    ['settings.restore.township', contents.townshipName || '—'],
    ['settings.restore.features', contents.features],
    ['settings.restore.blockages', contents.blockages],
    ['settings.restore.deployments', contents.deployments],
    ['settings.restore.teams', contents.teams],
    ['settings.restore.sheets', contents.sheets],
  ];
  return (
    <div className="dialog-backdrop" role="presentation" onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="restore-title" data-testid="restore-dialog">
        <h2 id="restore-title">{t('settings.restore.title', { date: townshipClock(backup.createdAt) })}</h2>
        <p>
          {t(`backup.reason.${backup.reason}` as MessageKey)} · <span className="mono">{backup.fileName}</span>
        </p>
        <dl className="facts" data-testid="restore-contents">
          {rows.map(([key, value]) => (
            <Fragment key={key}>
              <dt>{t(key)}</dt>
              <dd>{value}</dd>
            </Fragment>
          ))}
        </dl>
        {props.check.needsMigration && <p className="muted">{t('settings.restore.migrates', { v: props.check.schemaVersion })}</p>}
        <p>{t('settings.restore.body')}</p>
        <div className="actions end">
          <button type="button" onClick={props.onCancel} disabled={props.busy} autoFocus>
            {t('settings.restore.cancel')}
          </button>
          <button type="button" className="primary" onClick={props.onConfirm} disabled={props.busy} data-testid="restore-confirm">
            {props.busy ? t('settings.restore.busy') : t('settings.restore.confirm')}
          </button>
        </div>
      </div>
    </div>
  );
}
