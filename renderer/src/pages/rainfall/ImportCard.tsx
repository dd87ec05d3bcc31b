import { useState } from 'react';
import type { WireError } from '../../../../shared/contract/errors';
import type { RainImportKind, RainImportPreview } from '../../../../shared/contract/rainfall';
import { ApiError, invokeWithFile } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n } from '../../i18n/I18n';

/** Pick a CSV/xlsx file, see every bad row, then import all of it or all but the rows named. */
export function ImportCard({ onImported }: { onImported(): void }) {
  const { t, locale } = useI18n();
  const [kind, setKind] = useState<RainImportKind>('readings');
  const [allowNew, setAllowNew] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<RainImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const run = async (next: { kind: RainImportKind; allowNew: boolean; file: File | null }) => {
    setPreview(null);
    setError(null);
    setDone(null);
    if (!next.file) return;
    setBusy(true);
    try {
      setPreview(await invokeWithFile('rainfall.previewImport', { kind: next.kind, fileName: next.file.name, allowNewStations: next.allowNew }, next.file));
    } catch (e) {
      setError(e instanceof ApiError ? e.wire : { code: 'internal', message: String(e), messageEn: String(e) });
    } finally {
      setBusy(false);
    }
  };

  const commit = async (skipRows: number[]) => {
    if (!file || !preview) return;
    setBusy(true);
    setError(null);
    try {
      const r = await invokeWithFile('rainfall.import', { kind, fileName: file.name, allowNewStations: allowNew, skipRows }, file);
      setDone(t('rain.import.done', { n: r.imported, added: r.added, changed: r.changed }));
      setPreview(null);
      setFile(null);
      onImported();
    } catch (e) {
      setError(e instanceof ApiError ? e.wire : { code: 'internal', message: String(e), messageEn: String(e) });
    } finally {
      setBusy(false);
    }
  };

  const valuesAfterSkip = preview ? preview.values : 0;
  return (
    <section className="card" data-testid="rain-import">
      <h2>{t('rain.import')}</h2>
      <div className="form compact">
        <fieldset className="field">
          <legend>{t('rain.import.kind')}</legend>
          {(['readings', 'baseline'] as const).map((k) => (
            <label key={k} className="radio">
              <input
                type="radio"
                name="rain-import-kind"
                checked={kind === k}
                onChange={() => {
                  setKind(k);
                  void run({ kind: k, allowNew, file });
                }}
              />
              {t(k === 'readings' ? 'rain.import.readings' : 'rain.import.baseline')}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="rain-file">{t('rain.import.file')}</label>
          <input
            id="rain-file"
            type="file"
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (!f) return;
              setFile(f);
              void run({ kind, allowNew, file: f });
            }}
          />
          <div className="field-hint">{t('rain.import.hint')}</div>
        </div>
        {kind === 'readings' && (
          <label className="radio">
            <input
              type="checkbox"
              checked={allowNew}
              onChange={(e) => {
                setAllowNew(e.target.checked);
                void run({ kind, allowNew: e.target.checked, file });
              }}
            />
            {t('rain.import.newStations')}
          </label>
        )}
      </div>
      {busy && <p className="muted">{t('rain.import.reading')}</p>}
      <ErrorBanner error={error} />
      {done && (
        <p className="banner banner-ok" role="status">
          {done}
        </p>
      )}
      {preview && file && (
        <div className="rain-preview" data-testid="rain-preview">
          <h3>
            {t('rain.import.summary')}：<span className="mono">{file.name}</span>
          </h3>
          <dl className="facts">
            <dt>{t('rain.import.format')}</dt>
            <dd>
              {preview.format.toUpperCase()} · {preview.encoding.toUpperCase()}
              {preview.sheet ? ` · ${preview.sheet}` : ''}
            </dd>
            <dt>{t('rain.import.values')}</dt>
            <dd>
              <strong>{preview.values}</strong>（{t('rain.import.valuesDetail', { added: preview.added, changed: preview.changed, unchanged: preview.unchanged })}）
            </dd>
            {preview.dateRange && (
              <>
                <dt>{t('rain.import.dates')}</dt>
                <dd>
                  {preview.dateRange.from} — {preview.dateRange.to}
                </dd>
              </>
            )}
            {preview.stations.length > 0 && (
              <>
                <dt>{t('rain.import.stations')}</dt>
                <dd>{preview.stations.join('、')}</dd>
              </>
            )}
            {preview.newStations.length > 0 && (
              <>
                <dt>{t('rain.import.new')}</dt>
                <dd>{preview.newStations.join('、')}</dd>
              </>
            )}
          </dl>
          {preview.errors.length > 0 ? (
            <div className="rain-errors">
              <p className="field-error">
                <strong>{t('rain.import.errors', { n: preview.errorRows.length })}</strong>
              </p>
              <table className="table compact" data-testid="rain-import-errors">
                <thead>
                  <tr>
                    <th className="num nowrap">{t('rain.import.row')}</th>
                    <th>{t('rain.import.column')}</th>
                    <th>{t('rain.import.problem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.errors.map((e, i) => (
                    <tr key={i}>
                      <td className="num">{e.row}</td>
                      <td>{e.column ?? ''}</td>
                      <td>{locale === 'en' ? e.en : e.zh}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="ok">{t('rain.import.allValid')}</p>
          )}
          {preview.warnings.length > 0 && (
            <details>
              <summary className="muted">
                {t('rain.import.warnings')}（{preview.warnings.length}）
              </summary>
              <ul className="muted">
                {preview.warnings.map((w, i) => (
                  <li key={i}>{locale === 'en' ? w.en : w.zh}</li>
                ))}
              </ul>
            </details>
          )}
          <div className="actions">
            <button type="button" className="primary" disabled={busy || preview.errors.length > 0 || preview.values === 0} onClick={() => void commit([])}>
              {t('rain.import.go', { n: preview.values })}
            </button>
            {preview.errors.length > 0 && valuesAfterSkip > 0 && (
              <button type="button" disabled={busy} onClick={() => void commit(preview.errorRows)}>
                {t('rain.import.skip', { rows: preview.errorRows.join('、'), n: valuesAfterSkip })}
              </button>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
