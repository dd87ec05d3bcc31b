import { useEffect, useRef, useState } from 'react';
import type { AssignedMachines, BlockageDetail, Team } from '../../../../shared/contract/blockages';
import type { WireError } from '../../../../shared/contract/errors';
import { BLOCKAGE_STATUS_LABELS, type BlockageStatus } from '../../../../shared/domain/network';
import { ApiError, invoke } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n, type MessageKey } from '../../i18n/I18n';
import { formatAge, resizedPhoto } from './format';
import { Timeline } from './Timeline';
import { townshipClock } from '../../../../shared/domain/dates';

const NO_MACHINES: AssignedMachines = { excavators: 0, longArmExcavators: 0, pumps: 0 };

/** The label of a desk move, by where it goes from where it is. */
function moveLabel(from: BlockageStatus, to: BlockageStatus): MessageKey {
  if (from === 'cleared' && to === 'in_progress') return 'bk.move.rework';
  if (from === 'assigned' && to === 'reported') return 'bk.assign.withdraw';
  return `bk.move.${to}` as MessageKey;
}

/** One blockage: its facts, dispatch, status moves, a note with a photo, and its whole history. */
export function BlockageDetailPanel({ id, version, teams, onClose, onChanged }: { id: string; version: string | null; teams: Team[]; onClose(): void; onChanged(): void }) {
  const { t, locale } = useI18n();
  const [detail, setDetail] = useState<BlockageDetail | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  const [busy, setBusy] = useState(false);
  const [teamId, setTeamId] = useState('');
  const [machines, setMachines] = useState<AssignedMachines>(NO_MACHINES);
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState<File | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    invoke('blockages.get', { id }).then(
      (d) => {
        setDetail(d);
        setError(null);
      },
      (e: unknown) => e instanceof ApiError && setError(e.wire),
    );
  }, [id, version]);
  // A newly opened blockage starts its dispatch form from what it has.
  useEffect(() => {
    if (!detail || detail.blockage.id !== id) return;
    setTeamId(detail.blockage.teamId ?? '');
    setMachines(detail.blockage.machines);
  }, [detail?.blockage.id, detail?.blockage.teamId]);

  if (!detail) return <div className="bk-detail">{error ? <ErrorBanner error={error} /> : t('common.loading')}</div>;
  const b = detail.blockage;

  const run = async (call: () => Promise<BlockageDetail>) => {
    setBusy(true);
    setError(null);
    try {
      setDetail(await call());
      setNote('');
      setPhoto(null);
      if (fileInput.current) fileInput.current.value = '';
      onChanged();
    } catch (e) {
      if (e instanceof ApiError) setError(e.wire);
    } finally {
      setBusy(false);
    }
  };
  const withPhoto = async () => (photo ? { photo: await resizedPhoto(photo) } : {});
  const canAssign = b.status === 'reported' || b.status === 'assigned' || b.status === 'in_progress';
  const moves = detail.allowed.filter((s) => !(s === 'assigned' && b.status === 'reported'));
  const machine = (key: keyof AssignedMachines, label: MessageKey) => (
    <label className="bk-machine">
      {t(label)}
      <input type="number" min={0} max={99} value={machines[key]} onChange={(e) => setMachines({ ...machines, [key]: Math.max(0, Math.floor(Number(e.target.value) || 0)) })} />
    </label>
  );

  return (
    <section className="bk-detail" data-testid="blockage-detail" aria-label={b.name}>
      <div className="bk-detail-head">
        <div>
          <h2>{b.name}</h2>
          <div className="bk-sub">
            {[b.village, b.ditchName].filter(Boolean).join(' · ')}
          </div>
        </div>
        <span className={`bk-status big bk-status-${b.status}`} data-testid="detail-status">
          {BLOCKAGE_STATUS_LABELS[b.status][locale]}
        </span>
        <button type="button" className="bk-close" onClick={onClose} aria-label={t('bk.detail.close')}>
          ×
        </button>
      </div>
      <dl className="facts bk-facts">
        <dt>{t('bk.detail.reported')}</dt>
        <dd>
          {townshipClock(b.reportedAt)} · <span className={b.overdue ? 'bk-age overdue' : ''}>{formatAge(b.ageHours, locale)}</span>
        </dd>
        <dt>{t('bk.col.team')}</dt>
        <dd>{b.teamName ?? <span className="bk-noteam">{t('bk.unassigned')}</span>}</dd>
        {b.teamName ? (
          <>
            <dt>{t('bk.detail.machines')}</dt>
            <dd>
              {t('bk.machines.excavators')} {b.machines.excavators} · {t('bk.machines.longArm')} {b.machines.longArmExcavators} · {t('bk.machines.pumps')} {b.machines.pumps}
            </dd>
          </>
        ) : null}
        {b.reportedByTeamName ? (
          <>
            <dt>{t('bk.detail.reportedBy')}</dt>
            <dd>{b.reportedByTeamName}</dd>
          </>
        ) : null}
        {b.note ? (
          <>
            <dt>{t('bk.note')}</dt>
            <dd>{b.note}</dd>
          </>
        ) : null}
      </dl>

      {canAssign ? (
        <div className="bk-box">
          <div className="bk-box-title">{b.teamId ? t('bk.reassign') : t('bk.assign')}</div>
          {teams.length === 0 ? (
            <div className="muted">{t('bk.assign.noTeams')}</div>
          ) : (
            <div className="bk-assign">
              <select aria-label={t('bk.assign.team')} value={teamId} onChange={(e) => setTeamId(e.target.value)}>
                <option value="">{t('bk.assign.choose')}</option>
                {teams.map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                    {team.leader ? `（${team.leader}）` : ''}
                  </option>
                ))}
              </select>
              {machine('excavators', 'bk.machines.excavators')}
              {machine('longArmExcavators', 'bk.machines.longArm')}
              {machine('pumps', 'bk.machines.pumps')}
              <button type="button" className="primary" disabled={busy || !teamId} onClick={() => void run(() => invoke('blockages.assign', { id, teamId, machines, note }))}>
                {b.teamId ? t('bk.reassign') : t('bk.assign')}
              </button>
            </div>
          )}
        </div>
      ) : null}

      {moves.length > 0 ? (
        <div className="bk-moves">
          {moves.map((to) => (
            <button
              key={to}
              type="button"
              className={`bk-move bk-move-${to}`}
              disabled={busy}
              onClick={() =>
                void run(async () => (to === 'reported' && b.status === 'assigned' ? invoke('blockages.assign', { id, teamId: null, note }) : invoke('blockages.transition', { id, to, note, ...(await withPhoto()) })))
              }
            >
              {t(moveLabel(b.status, to))}
            </button>
          ))}
        </div>
      ) : null}

      <div className="bk-box">
        <textarea className="bk-note" rows={2} placeholder={t('bk.note.placeholder')} aria-label={t('bk.note')} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
        <div className="bk-note-actions">
          <label className="bk-file">
            {t('bk.photo.attach')}
            <input ref={fileInput} type="file" accept="image/jpeg,image/png,image/webp" onChange={(e) => setPhoto(e.target.files?.[0] ?? null)} />
          </label>
          <span className="bk-sub">{photo?.name}</span>
          <span className="bk-grow" />
          <button type="button" disabled={busy || (!note.trim() && !photo)} onClick={() => void run(async () => invoke('blockages.note', { id, note, ...(await withPhoto()) }))}>
            {t('bk.note.add')}
          </button>
        </div>
      </div>
      <ErrorBanner error={error} />
      <h3 className="bk-timeline-title">{t('bk.detail.timeline')}</h3>
      <Timeline events={detail.events} />
    </section>
  );
}
