import { useEffect, useRef, useState } from 'react';
import type { FieldMappingInput, ImportPreview, ImportResult } from '../../../../shared/contract/imports';
import type { WireError } from '../../../../shared/contract/errors';
import { LAYER_LABELS, LAYERS } from '../../../../shared/domain/network';
import { NETWORK_FILE_ACCEPT } from '../../../../shared/domain/networkFiles';
import { ApiError, invoke, invokeWithFile } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import type { DatumShift, SourceCrs } from '../../../../shared/geo/projected';
import { useI18n } from '../../i18n/I18n';
import { CrsPicker } from './CrsPicker';
import { pick } from './labels';
import { MappingEditor } from './MappingEditor';
import { MAX_IMPORT_BYTES } from './readFile';


interface Props {
  /** A file dropped on the map opens the dialog with it already chosen. */
  initialFile: File | null;
  onDone(result: ImportResult): void;
  onClose(): void;
}

/** Choose a file → see what is in it and confirm its coordinate system → import all or nothing. */
export function ImportDialog({ initialFile, onDone, onClose }: Props) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState<'reading' | 'committing' | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [crs, setCrs] = useState<SourceCrs>('wgs84');
  const [shift, setShift] = useState<DatumShift | null>(null);
  const [mapping, setMapping] = useState<FieldMappingInput | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const read = async (file: File) => {
    setError(null);
    setPreview(null);
    if (file.size > MAX_IMPORT_BYTES) {
      setError({ code: 'import_invalid', message: `${file.name}：${t('import.tooLarge')}`, messageEn: `${file.name}: the file is over 100 MB and cannot be imported` });
      return;
    }
    setBusy('reading');
    try {
      const p = await invokeWithFile('import.preview', { fileName: file.name }, file);
      setPreview(p);
      setMapping(p.suggestedMapping);
      setCrs(p.detectedCrs ?? 'wgs84');
    } catch (e) {
      if (e instanceof ApiError) setError(e.wire);
    } finally {
      setBusy(null);
    }
  };

  useEffect(() => {
    if (initialFile) void read(initialFile);
  }, [initialFile]); // read is stable enough for a one-off

  const commit = async () => {
    if (!preview) return;
    setBusy('committing');
    setError(null);
    try {
      onDone(await invoke('import.commit', { previewId: preview.previewId, crs, ...(shift ? { datumShift: shift } : {}), ...(mapping ? { mapping } : {}) }));
    } catch (e) {
      if (e instanceof ApiError) setError(e.wire);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="dialog-backdrop" role="presentation" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="import-title">
        <h2 id="import-title">{t('import.title')}</h2>
        <p className="muted">{t('import.formats')}</p>
        <div className="actions">
          <button type="button" onClick={() => input.current?.click()} disabled={busy !== null}>
            {t('import.choose')}
          </button>
          <span className="muted">{t('import.drop')}</span>
          <input
            ref={input}
            type="file"
            hidden
            data-testid="import-file"
            accept={NETWORK_FILE_ACCEPT}
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void read(f);
              e.target.value = '';
            }}
          />
        </div>
        {busy === 'reading' && <p role="status">{t('import.reading')}</p>}
        <ErrorBanner error={error} />
        {preview && (
          <div className="import-preview" data-testid="import-preview">
            <h3>
              {t('import.found')}：{preview.fileName}
            </h3>
            <table className="table compact">
              <tbody>
                {LAYERS.map((l) => (
                  <tr key={l}>
                    <td>{pick(LAYER_LABELS[l], locale)}</td>
                    <td className="num" data-testid={`import-count-${l}`}>
                      {preview.counts.byLayer[l]}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted">
              {t('import.fields')}：{preview.fields.map((f) => f.name).slice(0, 12).join('、') || '—'}
            </p>
            <CrsPicker crs={crs} detected={preview.detectedCrs} reason={preview.crsReason} shift={shift} onChange={setCrs} onShift={setShift} />
            {mapping && <MappingEditor preview={preview} mapping={mapping} onChange={setMapping} />}
            {preview.warnings.length > 0 && (
              <div className="banner banner-warn">
                <strong>{t('import.warnings')}：</strong>
                <ul>
                  {preview.warnings.map((w) => (
                    <li key={w.code}>{pick(w.message, locale)}</li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        )}
        <div className="actions end">
          <button type="button" onClick={onClose} disabled={busy === 'committing'}>
            {t('import.cancel')}
          </button>
          <button type="button" className="primary" onClick={() => void commit()} disabled={!preview || busy !== null}>
            {busy === 'committing' ? t('import.committing') : t('import.commit')}
          </button>
        </div>
      </div>
    </div>
  );
}
