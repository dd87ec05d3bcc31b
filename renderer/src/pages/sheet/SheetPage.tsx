import { useCallback, useEffect, useState } from 'react';
import type { SheetRecord } from '../../../../shared/contract/sheets';
import { invoke } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n } from '../../i18n/I18n';
import { SheetDocument } from '../../print/SheetDocument';
import { downloadBase64 } from '../capacity/download';
import { ArchivePanel, issueName } from './ArchivePanel';
import { IssueDialog } from './IssueDialog';
import { PlanEditor } from './PlanEditor';
import { rowsFromForce } from './planForm';
import { printSheet } from './printing';
import { useSheetPage } from './useSheetPage';
import './sheet-page.css';
import { townshipClock } from '../../../../shared/domain/dates';

/**
 * 调度日报: pick the day, write 明日安排 and the signature names, preview the sheet exactly as it
 * prints, print it, export it, issue it (签发), and reopen, reprint or correct what was issued.
 */
export function SheetPage() {
  const { t, locale } = useI18n();
  const s = useSheetPage();
  const [dialog, setDialog] = useState<null | { correction: SheetRecord | null }>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [previewReady, setPreviewReady] = useState(false);
  useEffect(() => setPreviewReady(false), [s.data]);
  const onMapIdle = useCallback(() => setPreviewReady(true), []);

  // Ctrl+S saves the draft, as on the deployments page.
  const { save, dirty } = s;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        if (dirty) void save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save, dirty]);

  if (!s.date || !s.bounds || !s.form) return s.error ? <ErrorBanner error={s.error} /> : <div className="loading">{t('common.loading')}</div>;
  const date = s.date;
  const issued = s.view.kind === 'issued' ? s.view.record : null;
  const ref = issued ? { id: issued.id } : { date };
  const busy = s.busy !== null;

  const doPrint = async () => {
    setNotice(null);
    const r = await s.run('printing', () => printSheet(ref));
    if (r) setNotice(t(r === 'printed' ? 'sheet.printed' : r === 'cancelled' ? 'sheet.printCancelled' : 'sheet.printOpened'));
  };
  const doPdf = async () => {
    setNotice(null);
    const file = await s.run('pdf', () => (issued ? invoke('sheets.pdf', { id: issued.id }) : invoke('sheets.renderPdf', { date })));
    if (file) downloadBase64(file.fileName, file.mimeType, file.contentBase64);
  };
  const doXlsx = async () => {
    setNotice(null);
    const file = await s.run('xlsx', () => invoke('sheets.exportXlsx', ref));
    if (file) downloadBase64(file.fileName, file.mimeType, file.contentBase64);
  };
  const doIssue = async (reason: string) => {
    const correction = dialog?.correction ?? null;
    setDialog(null);
    setNotice(null);
    const record = await s.issue(correction ? { of: correction.id, reason } : null);
    if (record) setNotice(t('sheet.issuedOk', { n: record.number, sha: record.pdfSha256.slice(0, 12) }));
  };

  const dayIssue = s.issuedForDay;
  const status = dayIssue ? t('sheet.status.issued', { n: dayIssue.number, at: townshipClock(dayIssue.issuedAt) }) : t('sheet.status.draft', { n: s.archive?.nextNumber ?? '…' });

  return (
    <div className="sheet-page">
      <aside className="sheet-side">
        <section className="card">
          <h1>{t('sheet.title')}</h1>
          <p className="muted">{t('sheet.subtitle')}</p>
          <div className="sheet-day">
            <label htmlFor="sheet-date">{t('sheet.date')}</label>
            <input id="sheet-date" type="date" value={date} min={s.bounds.start} max={s.bounds.today} onChange={(e) => e.target.value && s.changeDate(e.target.value)} />
            {s.bounds.latest && s.bounds.latest !== date && (
              <button type="button" onClick={() => s.changeDate(s.bounds!.latest!)}>
                {t('sheet.latest')}
              </button>
            )}
          </div>
          <p className={dayIssue ? 'sheet-status ok' : 'sheet-status'} data-testid="sheet-status">
            {status}
          </p>
          <div className="actions wrap">
            <button type="button" onClick={() => void s.save()} disabled={busy || !s.dirty} data-testid="sheet-save">
              {s.busy === 'saving' ? t('sheet.saving') : s.dirty ? t('sheet.save') : t('sheet.saved')}
            </button>
            {dayIssue ? (
              <button type="button" className="primary" onClick={() => setDialog({ correction: dayIssue })} disabled={busy} data-testid="sheet-correct">
                {t('sheet.correct')}
              </button>
            ) : (
              <button type="button" className="primary" onClick={() => setDialog({ correction: null })} disabled={busy} data-testid="sheet-issue">
                {t('sheet.issue')}
              </button>
            )}
          </div>
          {s.dirty && <p className="field-hint">{t('sheet.unsaved')}</p>}
          {s.busy === 'issuing' && <p className="banner banner-warn" role="status">{t('sheet.issuing')}</p>}
          {notice && (
            <p className="banner banner-ok" role="status" data-testid="sheet-notice">
              {notice}
            </p>
          )}
          <ErrorBanner error={s.error} />
        </section>
        <section className="card">
          <PlanEditor
            form={s.form}
            onChange={s.edit}
            disabled={s.busy === 'issuing'}
            canCopy={s.view.kind === 'draft' && s.data !== null && s.data.force.length > 0}
            onCopyToday={() => s.data && s.edit({ ...s.form!, rows: rowsFromForce(s.data.force) })}
          />
        </section>
        <ArchivePanel list={s.archive} selectedId={issued?.id ?? null} onSeason={s.setSeason} onView={(record) => s.setView({ kind: 'issued', record })} />
      </aside>
      <main className="sheet-preview-pane">
        <div className="sheet-preview-bar">
          <span data-testid="preview-label">
            {issued ? t('sheet.preview.issued', { label: issueName(issued, locale), at: townshipClock(issued.issuedAt) }) : t('sheet.preview.draft')}
          </span>
          {issued && (
            <button type="button" onClick={() => s.setView({ kind: 'draft' })}>
              {t('sheet.preview.back')}
            </button>
          )}
          <span className="actions">
            <button type="button" onClick={() => void doPrint()} disabled={busy || !s.data} data-testid="sheet-print">
              {t('sheet.print')}
            </button>
            <button type="button" onClick={() => void doPdf()} disabled={busy} data-testid="sheet-pdf">
              {s.busy === 'pdf' ? t('sheet.working') : t('sheet.pdf')}
            </button>
            <button type="button" onClick={() => void doXlsx()} disabled={busy} data-testid="sheet-xlsx">
              {s.busy === 'xlsx' ? t('sheet.working') : t('sheet.xlsx')}
            </button>
          </span>
        </div>
        <div className="sheet-preview-scroll">
          {s.previewError && <ErrorBanner error={s.previewError} />}
          {!s.data && !s.previewError && <div className="loading">{t('sheet.preview.loading')}</div>}
          {s.data && (
            <div className="sheet-paper" data-testid="sheet-preview" data-ready={previewReady ? 'true' : 'false'}>
              <SheetDocument key={`${s.data.sheetId ?? 'draft'}:${s.data.generatedAt}`} data={s.data} onMapIdle={onMapIdle} />
            </div>
          )}
        </div>
      </main>
      {dialog && (
        <IssueDialog
          date={date}
          number={dialog.correction ? dialog.correction.number : (s.archive?.nextNumber ?? 1)}
          correction={dialog.correction !== null}
          onCancel={() => setDialog(null)}
          onConfirm={(reason) => void doIssue(reason)}
        />
      )}
    </div>
  );
}
