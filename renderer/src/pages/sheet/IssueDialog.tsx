import { useState } from 'react';
import { useI18n } from '../../i18n/I18n';

/** Confirm 签发 (or, for a day already issued, ask the reason for the correction). */
export function IssueDialog(props: { date: string; number: number; correction: boolean; onConfirm(reason: string): void; onCancel(): void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  return (
    <div className="dialog-backdrop" role="presentation">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="issue-title" data-testid="issue-dialog">
        <h2 id="issue-title">{props.correction ? t('sheet.correctDialog.title', { n: props.number }) : t('sheet.issueDialog.title', { date: props.date })}</h2>
        <p>{props.correction ? t('sheet.correctDialog.body', { n: props.number }) : t('sheet.issueDialog.body', { n: props.number })}</p>
        {props.correction && (
          <label className="field">
            <span className="field-label">{t('sheet.correctDialog.reason')}</span>
            <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="correction-reason" autoFocus />
          </label>
        )}
        <div className="actions end">
          <button type="button" onClick={props.onCancel}>
            {t('sheet.issueDialog.cancel')}
          </button>
          <button type="button" className="primary" onClick={() => props.onConfirm(reason)} disabled={props.correction && reason.trim() === ''} data-testid="issue-confirm">
            {t('sheet.issueDialog.confirm')}
          </button>
        </div>
      </div>
    </div>
  );
}
