import { useState } from 'react';
import type { BlockageImportPreview } from '../../../../shared/contract/blockages';
import type { WireError } from '../../../../shared/contract/errors';
import { ApiError, invoke } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n } from '../../i18n/I18n';
import { blobToBase64 } from '../../../common/base64';
import { townshipClock } from '../../../../shared/domain/dates';

type Crs = 'wgs84' | 'gcj02' | 'bd09';
const CRS_NAMES: Record<Crs, { zh: string; en: string }> = {
  wgs84: { zh: 'WGS84（GPS、奥维旧版）', en: 'WGS84 (GPS, older Ovital)' },
  gcj02: { zh: 'GCJ-02（奥维 9.3 及以后、高德）', en: 'GCJ-02 (Ovital 9.3+, Gaode)' },
  bd09: { zh: 'BD-09（百度）', en: 'BD-09 (Baidu)' },
};

/** Ovital KML/KMZ or photos with GPS → preview → the desk ticks the ones to keep → all written together. */
export function ImportReportsDialog({ onClose, onDone }: { onClose(): void; onDone(created: number, firstId: string | null): void }) {
  const { t, locale } = useI18n();
  const [files, setFiles] = useState<{ fileName: string; dataBase64: string }[]>([]);
  const [preview, setPreview] = useState<BlockageImportPreview | null>(null);
  const [crs, setCrs] = useState<Crs | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);

  const load = async (list: { fileName: string; dataBase64: string }[], override: Crs | null) => {
    setBusy(true);
    setError(null);
    try {
      const p = await invoke('blockages.importPreview', { files: list, ...(override ? { crs: override } : {}) });
      setPreview(p);
      setChosen(new Set(p.candidates.filter((c) => !c.nearExisting).map((c) => c.key)));
    } catch (e) {
      setPreview(null);
      if (e instanceof ApiError) setError(e.wire);
    } finally {
      setBusy(false);
    }
  };

  const pick = async (picked: FileList | null) => {
    if (!picked || picked.length === 0) return;
    const list = await Promise.all([...picked].map(async (f) => ({ fileName: f.name, dataBase64: await blobToBase64(f) })));
    setFiles(list);
    setCrs(null);
    await load(list, null);
  };

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await invoke('blockages.importConfirm', { files, keys: [...chosen], ...(crs ? { crs } : {}) });
      onDone(r.created, r.ids[0] ?? null);
    } catch (e) {
      if (e instanceof ApiError) setError(e.wire);
    } finally {
      setBusy(false);
    }
  };

  const hasKml = preview?.candidates.some((c) => c.kind === 'placemark');
  return (
    <div className="dialog-backdrop" role="presentation">
      <div className="dialog bk-import" role="dialog" aria-modal="true" aria-label={t('bk.import.title')}>
        <h2>{t('bk.import.title')}</h2>
        <p className="muted">{t('bk.import.hint')}</p>
        <label className="bk-file primary-file">
          {busy && !preview ? t('bk.import.reading') : t('bk.import.choose')}
          <input type="file" multiple accept=".kml,.kmz,.ovkml,.ovkmz,.jpg,.jpeg,image/jpeg" onChange={(e) => void pick(e.target.files)} data-testid="import-files" />
        </label>
        {preview ? (
          <>
            {hasKml ? (
              <label className="bk-crs">
                {t('bk.import.crs')}
                <select
                  value={crs ?? preview.crs}
                  onChange={(e) => {
                    const next = e.target.value as Crs;
                    setCrs(next);
                    void load(files, next);
                  }}
                >
                  {(Object.keys(CRS_NAMES) as Crs[]).map((c) => (
                    <option key={c} value={c}>
                      {CRS_NAMES[c][locale]}
                    </option>
                  ))}
                </select>
                <span className="bk-sub">{preview.crsReason[locale]}</span>
              </label>
            ) : null}
            {preview.warnings.length > 0 ? (
              <div className="banner banner-warn">
                {preview.warnings.map((w, i) => (
                  <div key={i}>{w[locale]}</div>
                ))}
              </div>
            ) : null}
            <table className="table compact bk-import-table">
              <tbody>
                {preview.candidates.map((c) => (
                  <tr key={c.key}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={c.name}
                        checked={chosen.has(c.key)}
                        onChange={(e) => {
                          const next = new Set(chosen);
                          if (e.target.checked) next.add(c.key);
                          else next.delete(c.key);
                          setChosen(next);
                        }}
                      />
                    </td>
                    <td>
                      <b>{c.name}</b>
                      <div className="bk-sub">
                        {t(c.kind === 'photo' ? 'bk.import.kind.photo' : 'bk.import.kind.placemark')} · {c.fileName}
                        {c.reportedAt ? ` · ${townshipClock(c.reportedAt)}` : ''}
                      </div>
                      {c.note ? <div className="bk-sub">{c.note}</div> : null}
                      {c.nearExisting ? (
                        <div className="bk-warn-line">
                          ⚠ {t('bk.import.near')}：{c.nearExisting.name}（{c.nearExisting.distanceM} m）
                        </div>
                      ) : null}
                    </td>
                    <td>{c.village}</td>
                    <td className="mono nowrap">
                      {c.position[1].toFixed(5)}, {c.position[0].toFixed(5)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
        <ErrorBanner error={error} />
        <div className="actions bk-dialog-actions">
          <button type="button" className="primary" disabled={busy || !preview || chosen.size === 0} onClick={() => void confirm()}>
            {t('bk.import.confirm')}（{chosen.size}）
          </button>
          <button type="button" onClick={onClose}>
            {t('bk.import.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}
