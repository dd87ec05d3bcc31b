import { useCallback, useEffect, useState } from 'react';
import type { Team, TeamInput } from '../../../../shared/contract/blockages';
import type { WireError } from '../../../../shared/contract/errors';
import type { FieldStatus, FieldToken, IssuedToken } from '../../../../shared/contract/field';
import { ApiError, invoke } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n } from '../../i18n/I18n';
import { QrDialog } from './QrDialog';
import { townshipClock } from '../../../../shared/domain/dates';

const EMPTY: TeamInput = { name: '', leader: '', phone: '', machines: { excavators: 0, longArmExcavators: 0, dumpTrucks: 0, pumps: 0 }, note: '' };

/** The field server: on/off, its port, the addresses phones use. */
function FieldServerCard({ status, onStatus, onError }: { status: FieldStatus | null; onStatus(s: FieldStatus): void; onError(e: WireError): void }) {
  const { t } = useI18n();
  const [port, setPort] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (status) setPort(String(status.port));
  }, [status?.port]);
  const run = async (call: () => Promise<FieldStatus>) => {
    setBusy(true);
    try {
      onStatus(await call());
    } catch (e) {
      if (e instanceof ApiError) onError(e.wire);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card bk-field" data-testid="field-server">
      <div className="bk-field-head">
        <h2>{t('fieldsrv.title')}</h2>
        <span className={status?.running ? 'bk-pill on' : 'bk-pill'}>{status?.running ? t('fieldsrv.on') : t('fieldsrv.off')}</span>
        <span className="bk-grow" />
        {status?.running ? (
          <button type="button" disabled={busy} onClick={() => void run(() => invoke('field.stop', {}))}>
            {t('fieldsrv.stop')}
          </button>
        ) : (
          <button type="button" className="primary" disabled={busy} onClick={() => void run(() => invoke('field.start', {}))}>
            {t('fieldsrv.start')}
          </button>
        )}
      </div>
      {status?.running ? (
        <div>
          <div className="bk-sub">{t('fieldsrv.urls')}</div>
          <ul className="bk-urls">
            {status.urls.map((u) => (
              <li key={u} className="mono">
                {u}
              </li>
            ))}
          </ul>
          <div className="bk-sub">
            {t('fieldsrv.requests')}：{status.requests}
            {status.lastRequestAt ? ` · ${townshipClock(status.lastRequestAt, false)}` : ''}
          </div>
        </div>
      ) : (
        <p className="muted">{t('fieldsrv.offHint')}</p>
      )}
      <div className="bk-port">
        <label htmlFor="field-port">{t('fieldsrv.port')}</label>
        <input id="field-port" type="number" min={1024} max={65535} value={port} onChange={(e) => setPort(e.target.value)} />
        <button type="button" disabled={busy || Number(port) === status?.port} onClick={() => void run(() => invoke('field.setPort', { port: Number(port) }))}>
          {t('fieldsrv.savePort')}
        </button>
      </div>
    </section>
  );
}

function TeamForm({ initial, onSaved, onCancel }: { initial: TeamInput; onSaved(): void; onCancel(): void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<TeamInput>(initial);
  const [error, setError] = useState<WireError | null>(null);
  const machines = draft.machines ?? EMPTY.machines!;
  const num = (key: keyof typeof machines, label: string) => (
    <label className="bk-machine">
      {label}
      <input type="number" min={0} max={999} value={machines[key]} onChange={(e) => setDraft({ ...draft, machines: { ...machines, [key]: Math.max(0, Math.floor(Number(e.target.value) || 0)) } })} />
    </label>
  );
  return (
    <form
      className="bk-team-form"
      onSubmit={(e) => {
        e.preventDefault();
        invoke('teams.save', draft).then(onSaved, (err: unknown) => err instanceof ApiError && setError(err.wire));
      }}
    >
      <label>
        {t('teams.name')}
        <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} required maxLength={30} />
      </label>
      <label>
        {t('teams.leader')}
        <input value={draft.leader ?? ''} onChange={(e) => setDraft({ ...draft, leader: e.target.value })} maxLength={20} />
      </label>
      <label>
        {t('teams.phone')}
        <input value={draft.phone ?? ''} onChange={(e) => setDraft({ ...draft, phone: e.target.value })} maxLength={20} inputMode="tel" />
      </label>
      <div className="bk-team-machines">
        {num('excavators', t('bk.machines.excavators'))}
        {num('longArmExcavators', t('bk.machines.longArm'))}
        {num('dumpTrucks', t('bk.machines.dumpTrucks'))}
        {num('pumps', t('bk.machines.pumps'))}
      </div>
      <label className="bk-wide">
        {t('teams.note')}
        <input value={draft.note ?? ''} onChange={(e) => setDraft({ ...draft, note: e.target.value })} maxLength={200} />
      </label>
      <div className="actions bk-wide">
        <button type="submit" className="primary">
          {t('teams.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('teams.cancel')}
        </button>
      </div>
      <div className="bk-wide">
        <ErrorBanner error={error} />
      </div>
    </form>
  );
}

/** Teams (作业队), their phones' tokens and QR codes, and the field server. */
export function TeamsView({ teams, onChanged }: { teams: Team[]; onChanged(): void }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<FieldStatus | null>(null);
  const [tokens, setTokens] = useState<FieldToken[]>([]);
  const [editing, setEditing] = useState<TeamInput | null>(null);
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const [labels, setLabels] = useState<Record<string, string>>({});
  const [error, setError] = useState<WireError | null>(null);
  const fail = (e: unknown) => e instanceof ApiError && setError(e.wire);

  const refresh = useCallback(() => {
    invoke('field.status', {}).then(setStatus, fail);
    invoke('field.tokens', {}).then(setTokens, fail);
  }, []);
  useEffect(() => {
    refresh();
    const timer = setInterval(() => invoke('field.status', {}).then(setStatus, () => undefined), 5000);
    return () => clearInterval(timer);
  }, [refresh]);

  const act = async (call: () => Promise<unknown>) => {
    setError(null);
    try {
      const r = await call();
      if (r && typeof r === 'object' && 'secret' in r) setIssued(r as IssuedToken);
      refresh();
      onChanged();
    } catch (e) {
      fail(e);
    }
  };

  return (
    <div className="bk-teams">
      <div className="bk-teams-main">
        <section className="card">
          <div className="bk-field-head">
            <h2>{t('teams.title')}</h2>
            <span className="bk-grow" />
            <button type="button" className="primary" onClick={() => setEditing({ ...EMPTY })}>
              {t('teams.add')}
            </button>
          </div>
          {editing ? (
            <TeamForm
              initial={editing}
              onCancel={() => setEditing(null)}
              onSaved={() => {
                setEditing(null);
                onChanged();
                refresh();
              }}
            />
          ) : null}
          <ErrorBanner error={error} />
          {teams.length === 0 ? <p className="muted">{t('teams.empty')}</p> : null}
          <div className="bk-team-list">
            {teams.map((team) => {
              const mine = tokens.filter((k) => k.teamId === team.id);
              return (
                <article key={team.id} className="bk-team" data-testid="team-card">
                  <div className="bk-team-head">
                    <h3>{team.name}</h3>
                    <span className="bk-sub">
                      {[team.leader, team.phone].filter(Boolean).join(' · ')}
                    </span>
                    <span className="bk-grow" />
                    <span className="badge">
                      {t('teams.open')} {team.openBlockages}
                    </span>
                    <button type="button" onClick={() => setEditing({ id: team.id, name: team.name, leader: team.leader, phone: team.phone, machines: team.machines, note: team.note })}>
                      {t('teams.edit')}
                    </button>
                    <button type="button" onClick={() => window.confirm(t('teams.deleteConfirm')) && void act(() => invoke('teams.delete', { id: team.id }))}>
                      {t('teams.delete')}
                    </button>
                  </div>
                  <div className="bk-sub">
                    {t('bk.machines.excavators')} {team.machines.excavators} · {t('bk.machines.longArm')} {team.machines.longArmExcavators} · {t('bk.machines.dumpTrucks')} {team.machines.dumpTrucks} · {t('bk.machines.pumps')} {team.machines.pumps}
                    {team.note ? ` · ${team.note}` : ''}
                  </div>
                  <div className="bk-tokens">
                    <div className="bk-box-title">
                      {t('fieldsrv.tokens')}（{mine.length}）
                    </div>
                    {mine.length === 0 ? <div className="bk-sub">{t('fieldsrv.token.none')}</div> : null}
                    {mine.map((k) => (
                      <div key={k.id} className="bk-token">
                        <span className="mono">…{k.hint}</span>
                        <span>{k.label}</span>
                        <span className="bk-sub">
                          {t('fieldsrv.token.created')} {townshipClock(k.createdAt, false)} · {t('fieldsrv.token.used')} {k.lastUsedAt ? townshipClock(k.lastUsedAt, false) : t('fieldsrv.token.never')}
                        </span>
                        <span className="bk-grow" />
                        <button type="button" onClick={() => void act(() => invoke('field.renewToken', { tokenId: k.id }))}>
                          {t('fieldsrv.token.renew')}
                        </button>
                        <button type="button" onClick={() => void act(() => invoke('field.revokeToken', { tokenId: k.id }))}>
                          {t('fieldsrv.token.revoke')}
                        </button>
                      </div>
                    ))}
                    <div className="bk-token-new">
                      <input
                        placeholder={t('fieldsrv.token.label')}
                        aria-label={t('fieldsrv.token.label')}
                        value={labels[team.id] ?? ''}
                        maxLength={30}
                        onChange={(e) => setLabels({ ...labels, [team.id]: e.target.value })}
                      />
                      <button type="button" className="primary" onClick={() => void act(() => invoke('field.issueToken', { teamId: team.id, label: labels[team.id] ?? '' }))}>
                        {t('teams.qr')}
                      </button>
                    </div>
                  </div>
                </article>
              );
            })}
          </div>
        </section>
      </div>
      <div className="bk-teams-side">
        <FieldServerCard status={status} onStatus={setStatus} onError={setError} />
      </div>
      {issued ? <QrDialog issued={issued} running={status?.running ?? false} onClose={() => setIssued(null)} /> : null}
    </div>
  );
}
