import { useState } from 'react';
import type { PhoneBlockage } from '../../shared/contract/field';
import { FIELD_ACTION_LABELS, fieldActionAllowed, type FieldAction } from '../../shared/domain/blockageLifecycle';
import { accuracyText, distanceText } from './geo';
import { townshipClock } from '../../shared/domain/dates';
import { kindText, statusText } from './labels';
import { MiniMap } from './MiniMap';
import { PhotoPicker, type PickedPhoto } from './PhotoPicker';
import type { Fix } from './useGps';

const BIG_ACTIONS: FieldAction[] = ['arrived', 'in_progress', 'cleared'];

/** One blockage: where it is, three big buttons, a note and a photo, and what happened so far. */
export function BlockageScreen({ blockage: b, fix, onBack, onAction }: { blockage: PhoneBlockage; fix: Fix | null; onBack(): void; onAction(action: FieldAction, note: string, photo: PickedPhoto | null): Promise<void> }) {
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState<PickedPhoto | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (action: FieldAction) => {
    const sending = { note: note.trim(), photo };
    setBusy(true);
    // Cleared at once: what the team types while this one is kept and sent belongs to the next update.
    setNote('');
    setPhoto(null);
    try {
      await onAction(action, sending.note, sending.photo);
    } catch (error) {
      // Not even kept on the phone: give the note and photo back rather than lose them.
      setNote((n) => n || sending.note);
      setPhoto((p) => p ?? sending.photo);
      throw error;
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="f-main">
      <div className="f-title-row">
        <button type="button" className="f-back" onClick={onBack}>
          ‹ 返回
        </button>
        <span className={`f-status f-status-${b.status}`} data-testid="field-status">
          {statusText(b.status)}
        </span>
      </div>
      <h1 className="f-title">{b.name}</h1>
      <div className="f-card-where">
        {fix ? <b>{distanceText(fix.position, b.position)}</b> : <span>正在定位…</span>}
        {b.village ? <span>{b.village}</span> : null}
        {b.ditch ? <span>{b.ditch.name}</span> : null}
      </div>
      {b.machines.excavators + b.machines.longArmExcavators + b.machines.pumps > 0 ? (
        <div className="f-machines">
          派出：钩机 {b.machines.excavators} · 长臂钩机 {b.machines.longArmExcavators} · 水泵 {b.machines.pumps}
        </div>
      ) : null}
      {b.note ? <div className="f-note-read">{b.note}</div> : null}
      <MiniMap blockage={b} fix={fix} />
      {!b.assigned ? <div className="f-info">这是本队上报的堵点，办公室派工后才能改状态；可以补充备注和照片。</div> : null}
      <label className="f-label" htmlFor="f-note">
        备注（可不填）
      </label>
      <textarea id="f-note" className="f-textarea" rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder="例如：涵管口被秸秆堵住，需要长臂钩机" />
      <PhotoPicker photo={photo} onPhoto={setPhoto} />
      <div className={fix ? 'f-gps ok' : 'f-gps'} data-testid="update-gps">
        {fix ? `更新会附上当前位置（精度 ${accuracyText(fix.accuracyM)}）` : '还没有定位：更新不带位置'}
      </div>
      {b.assigned ? (
        <div className="f-actions">
          {BIG_ACTIONS.map((a) => (
            <button key={a} type="button" className={`f-btn f-act f-act-${a}`} disabled={busy || !fieldActionAllowed(a, b.status)} onClick={() => void act(a)}>
              {FIELD_ACTION_LABELS[a].zh}
            </button>
          ))}
        </div>
      ) : null}
      <button type="button" className="f-btn f-btn-plain" disabled={busy || (!note.trim() && !photo) || !fieldActionAllowed('note', b.status)} onClick={() => void act('note')}>
        只发送备注 / 照片
      </button>
      {b.events.length > 0 ? (
        <section className="f-history">
          <h2>最近记录</h2>
          <ol>
            {b.events.map((e, i) => (
              <li key={i}>
                <b>{e.toStatus ? statusText(e.toStatus) : kindText(e.kind)}</b> <span>{townshipClock(e.at, false)}</span> <span>{e.actor}</span>
                {e.hasPhoto ? <span> · 有照片</span> : null}
                {e.note ? <div>{e.note}</div> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </main>
  );
}
