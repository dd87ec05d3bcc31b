import { useState } from 'react';
import { PhotoPicker, type PickedPhoto } from './PhotoPicker';
import type { Fix } from './useGps';
import { accuracyText, gpsOf } from './geo';

/** Report a new blockage where the phone is now. */
export function ReportScreen({ fix, gpsError, onBack, onReport }: { fix: Fix | null; gpsError: string | null; onBack(): void; onReport(name: string, note: string, photo: PickedPhoto | null, where: { position: [number, number]; accuracyM: number | null }): Promise<void> }) {
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState<PickedPhoto | null>(null);
  const [busy, setBusy] = useState(false);
  // GPS first (with its accuracy); where the browser refuses it, the position the camera wrote
  // into the photo, whose accuracy the phone does not know.
  const gps = gpsOf(fix);
  const where = gps.position ? { position: gps.position, accuracyM: gps.accuracyM } : photo?.gps ? { position: photo.gps, accuracyM: null } : null;
  const position = where?.position ?? null;
  return (
    <main className="f-main">
      <div className="f-title-row">
        <button type="button" className="f-back" onClick={onBack}>
          ‹ 返回
        </button>
      </div>
      <h1 className="f-title">上报新堵点</h1>
      <div className={position ? 'f-gps ok' : 'f-gps'} role="status" data-testid="report-gps">
        {fix
          ? `当前位置 ${fix.position[1].toFixed(5)}, ${fix.position[0].toFixed(5)} · 精度 ${accuracyText(fix.accuracyM)}`
          : photo?.gps
            ? `位置取自照片 ${photo.gps[1].toFixed(5)}, ${photo.gps[0].toFixed(5)}`
            : (gpsError ?? '正在定位…请稍等')}
      </div>
      {fix && fix.accuracyM > 50 ? <div className="f-info">定位精度较差（{Math.round(fix.accuracyM)} 米），最好到开阔处等几秒再上报。</div> : null}
      <label className="f-label" htmlFor="f-name">
        名称（可不填）
      </label>
      <input id="f-name" className="f-input" maxLength={60} value={name} onChange={(e) => setName(e.target.value)} placeholder="例如：永安桥下涵管" />
      <label className="f-label" htmlFor="f-report-note">
        情况说明
      </label>
      <textarea id="f-report-note" className="f-textarea" rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder="堵了什么、水有多深、需要什么机械" />
      <PhotoPicker photo={photo} onPhoto={setPhoto} />
      <button
        type="button"
        className="f-btn f-btn-report"
        disabled={!position || busy}
        onClick={async () => {
          if (!where) return;
          setBusy(true);
          try {
            await onReport(name.trim(), note.trim(), photo, where);
          } finally {
            setBusy(false);
          }
        }}
      >
        在当前位置上报
      </button>
    </main>
  );
}
