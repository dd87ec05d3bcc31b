import { useEffect, useState } from 'react';
import type { BlockageEvent } from '../../../../shared/contract/blockages';
import { BLOCKAGE_EVENT_KIND_LABELS } from '../../../../shared/domain/blockageLifecycle';
import { BLOCKAGE_STATUS_LABELS } from '../../../../shared/domain/network';
import { ApiError, invoke } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n/I18n';
import { townshipClock } from '../../../../shared/domain/dates';

/** An event's photo, fetched from the core as a data: URL when the row is shown. */
function Photo({ eventId }: { eventId: string }) {
  const { t } = useI18n();
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [big, setBig] = useState(false);
  useEffect(() => {
    let current = true;
    invoke('blockages.photo', { eventId }).then(
      (p) => current && setSrc(p.dataUrl),
      (e: unknown) => current && setFailed(e instanceof ApiError ? e.wire.message : String(e)),
    );
    return () => {
      current = false;
    };
  }, [eventId]);
  if (failed) return <div className="bk-sub">{failed}</div>;
  if (!src) return <div className="bk-sub">{t('bk.photo.loading')}</div>;
  return (
    <>
      <button type="button" className="bk-thumb" onClick={() => setBig(true)} aria-label={t('bk.photo.show')}>
        <img src={src} alt={t('bk.photo')} data-testid="event-photo" />
      </button>
      {big ? (
        <div className="dialog-backdrop" onClick={() => setBig(false)} role="presentation">
          <img className="bk-photo-big" src={src} alt={t('bk.photo')} />
        </div>
      ) : null}
    </>
  );
}

/** The blockage's history, newest first: who, when, from where, old → new, note, photo, position. */
export function Timeline({ events }: { events: BlockageEvent[] }) {
  const { t, locale } = useI18n();
  return (
    <ol className="bk-timeline" data-testid="timeline">
      {[...events].reverse().map((e) => {
        const status = (s: BlockageEvent['toStatus']) => (s ? BLOCKAGE_STATUS_LABELS[s][locale] : '');
        // A report's event says the status it arrived with (an import may bring one already cleared).
        const reported = e.toStatus && e.toStatus !== 'reported' ? `${BLOCKAGE_EVENT_KIND_LABELS.report[locale]}（${status(e.toStatus)}）` : BLOCKAGE_EVENT_KIND_LABELS.report[locale];
        const what = e.fromStatus && e.toStatus ? `${status(e.fromStatus)} → ${status(e.toStatus)}` : e.kind === 'report' ? reported : BLOCKAGE_EVENT_KIND_LABELS[e.kind][locale];
        const teamMove = e.kind === 'assign' || (e.kind === 'undo' && e.fromTeamName !== e.toTeamName) ? `${e.fromTeamName ?? '—'} → ${e.toTeamName ?? '—'}` : null;
        const late = Date.parse(e.receivedAt) - Date.parse(e.at) > 5 * 60_000;
        return (
          <li key={e.id} className={`bk-event bk-event-${e.kind}${e.undone ? ' undone' : ''}`} data-testid="timeline-event" data-kind={e.kind}>
            <div className="bk-event-head">
              <span className={`bk-dot bk-dot-${e.toStatus ?? e.kind}`} aria-hidden />
              <b>{what}</b>
              {e.undone ? <span className="bk-tag">{t('bk.event.undone')}</span> : null}
              <span className="bk-grow" />
              <span className={`bk-src bk-src-${e.source}`}>{t(`bk.source.${e.source}` as MessageKey)}</span>
              <span className="bk-sub nowrap">{townshipClock(e.at, false)}</span>
            </div>
            <div className="bk-event-body">
              {e.actor ? <span className="bk-actor">{e.actor}</span> : null}
              {teamMove ? <span>{teamMove}</span> : null}
              {e.machines && e.kind === 'assign' && e.toTeamName ? (
                <span className="bk-sub">
                  {t('bk.machines.excavators')} {e.machines.excavators} · {t('bk.machines.longArm')} {e.machines.longArmExcavators} · {t('bk.machines.pumps')} {e.machines.pumps}
                </span>
              ) : null}
              {e.note ? <div className="bk-event-note">{e.note}</div> : null}
              {e.position ? (
                <div className="bk-sub">
                  {t('bk.event.position')} {e.position[1].toFixed(5)}, {e.position[0].toFixed(5)}
                  {e.accuracyM !== null ? <span data-testid="event-accuracy"> · {t('bk.event.accuracy', { m: Math.round(e.accuracyM) })}</span> : null}
                </div>
              ) : null}
              {late ? (
                <div className="bk-sub">
                  {t('bk.event.received')} {townshipClock(e.receivedAt, false)}
                </div>
              ) : null}
              {e.hasPhoto ? <Photo eventId={e.id} /> : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
