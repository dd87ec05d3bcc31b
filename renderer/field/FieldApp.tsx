import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PhoneBlockage, PhoneOutput } from '../../shared/contract/field';
import { FIELD_ACTION_LABELS, fieldActionStatus, type FieldAction } from '../../shared/domain/blockageLifecycle';
import { forgetToken, loadToken, phoneCall, PhoneError } from './api';
import { BlockageScreen } from './BlockageScreen';
import { ListScreen } from './ListScreen';
import type { PickedPhoto } from './PhotoPicker';
import { enqueue, markFailed, pending, remove, type Pending } from './queue';
import { loadCachedList, markSeen, newlyAssigned, saveCachedList } from './offlineCache';
import { PatrolBar } from './PatrolBar';
import { usePatrol, type Chunk } from './usePatrol';
import { ReportScreen } from './ReportScreen';
import { useGps } from './useGps';
import { gpsOf } from './geo';
import { oneAtATime } from './oneAtATime';
import { toaster, type Toast } from './toast';

type Screen = { kind: 'list' } | { kind: 'blockage'; id: string } | { kind: 'report' };
const SYNC_MS = 10_000;

/** A UUID made on the phone (crypto.randomUUID needs HTTPS; a LAN page is plain HTTP). */
function newId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function photoInput(photo: PickedPhoto | null) {
  return photo ? { photo: { fileName: photo.fileName, dataBase64: photo.dataBase64 } } : {};
}

/** The phone page: the team's blockages, three big buttons, reports, and an outbox that survives no signal. */
export function FieldApp() {
  const [token] = useState(loadToken);
  // What the phone saw last time, so a page opened with no signal still shows the team's work.
  const [cached] = useState(loadCachedList);
  const [me, setMe] = useState<PhoneOutput<'phone.me'> | null>(cached?.me ?? null);
  const [blockages, setBlockages] = useState<PhoneBlockage[]>(cached?.blockages ?? []);
  const [fresh, setFresh] = useState<Set<string>>(() => new Set());
  const [outbox, setOutbox] = useState<Pending[]>([]);
  const [online, setOnline] = useState(true);
  const [authError, setAuthError] = useState<string | null>(null);
  const [screen, setScreen] = useState<Screen>({ kind: 'list' });
  const [toast, setToast] = useState<Toast | null>(null);
  const { fix, error: gpsError } = useGps();
  const [say] = useState(() => toaster(setToast));

  const handle = useCallback((e: unknown): boolean => {
    if (e instanceof PhoneError && e.offline) {
      setOnline(false);
      return true;
    }
    if (e instanceof PhoneError && e.status === 401) {
      setAuthError(e.wire.message);
      return true;
    }
    return false;
  }, []);

  const refresh = useCallback(async () => {
    if (!token) return;
    try {
      const [who, list] = await Promise.all([phoneCall(token, 'phone.me', {}), phoneCall(token, 'phone.blockages', {})]);
      setMe(who);
      setBlockages(list);
      setOnline(true);
      saveCachedList(who, list);
      const news = newlyAssigned(list);
      setFresh((before) => {
        // New work: a buzz where the phone allows it (a page may vibrate, not ring, in the background).
        if ([...news].some((id) => !before.has(id))) navigator.vibrate?.([300, 150, 300]);
        return news;
      });
    } catch (e) {
      handle(e);
    }
  }, [token, handle]);

  /** Send what waits in the outbox, oldest first; stop at the first network failure. */
  const sendOutbox = useCallback(async () => {
    if (!token) return;
    let sent = 0;
    try {
      for (const item of await pending()) {
        if (item.error) continue;
        try {
          if (item.procedure === 'phone.update') await phoneCall(token, 'phone.update', item.input);
          else if (item.procedure === 'phone.report') await phoneCall(token, 'phone.report', item.input);
          else await phoneCall(token, 'phone.track', item.input);
          await remove(item.clientId);
          sent++;
          setOnline(true);
        } catch (e) {
          if (handle(e)) break;
          await markFailed(item, e instanceof PhoneError ? e.wire.message : String(e));
          say(`未能发送：${item.label}`, 'bad');
        }
      }
    } finally {
      setOutbox(await pending());
    }
    if (sent > 0) {
      say(sent === 1 ? '已发送到办公室 ✓' : `已发送 ${sent} 条到办公室 ✓`);
      await refresh();
    }
  }, [token, handle, refresh, say]);
  // The timer, the online event and a tap can all ask at once: one send at a time, none dropped.
  const flush = useMemo(() => oneAtATime(sendOutbox), [sendOutbox]);

  useEffect(() => {
    void pending().then(setOutbox);
    void refresh().then(flush);
    const timer = setInterval(() => void flush().then(refresh), SYNC_MS);
    const back = () => void flush();
    window.addEventListener('online', back);
    return () => {
      clearInterval(timer);
      window.removeEventListener('online', back);
    };
  }, [refresh, flush]);

  const submit = async (item: Pending, optimistic?: () => void) => {
    await enqueue(item);
    optimistic?.();
    setOutbox(await pending());
    say('已保存在手机上，正在发送…', 'wait');
    await flush();
    const left = await pending();
    if (left.some((p) => p.clientId === item.clientId && !p.error)) say('没有网络：已存在手机上，联网后自动发送', 'wait');
  };

  const act = async (b: PhoneBlockage, action: FieldAction, note: string, photo: PickedPhoto | null) => {
    const clientId = newId();
    const at = new Date().toISOString();
    const to = fieldActionStatus(action);
    await submit(
      {
        clientId,
        createdAt: at,
        label: `${FIELD_ACTION_LABELS[action].zh} · ${b.name}`,
        procedure: 'phone.update',
        input: { clientId, blockageId: b.id, action, note, at, ...gpsOf(fix), ...photoInput(photo) },
      },
      () =>
        setBlockages((list) =>
          list.map((x) =>
            x.id === b.id
              ? { ...x, status: to ?? x.status, events: [{ at, kind: to ? 'status' : action === 'arrived' ? 'arrived' : 'note', toStatus: to, actor: me?.team.name ?? '', note, hasPhoto: !!photo }, ...x.events] }
              : x,
          ),
        ),
    );
  };

  const report = async (name: string, note: string, photo: PickedPhoto | null, where: { position: [number, number]; accuracyM: number | null }) => {
    const clientId = newId();
    const at = new Date().toISOString();
    await submit({ clientId, createdAt: at, label: `上报 · ${name || '新堵点'}`, procedure: 'phone.report', input: { clientId, ...where, name, note, at, ...photoInput(photo) } });
    setScreen({ kind: 'list' });
  };

  const patrol = usePatrol(newId, (chunk: Chunk) =>
    submit({ clientId: newId(), createdAt: new Date().toISOString(), label: `巡查轨迹 第 ${chunk.seq + 1} 段（${chunk.points.length} 个点）`, procedure: 'phone.track', input: chunk }),
  );

  if (!token || authError) {
    const kept = outbox.filter((p) => !p.error);
    return (
      <div className="f-app">
        <main className="f-main f-center">
          <h1 className="f-title">请扫描办公室的二维码</h1>
          <p className="f-info">{authError ?? '本页面需要作业队口令。请让办公室在“堵点 → 作业队与现场手机”里为本队生成二维码，用手机扫码打开。'}</p>
          {kept.length > 0 ? (
            <div className="f-failed" data-testid="outbox-kept">
              <b>手机上还有 {kept.length} 条未发送的更新，已保留：</b>
              {kept.map((p) => (
                <div key={p.clientId}>{p.label}</div>
              ))}
              请办公室重新发放二维码，扫码后会自动发送。
            </div>
          ) : null}
          {authError ? (
            <button
              type="button"
              className="f-btn f-btn-plain"
              onClick={() => {
                forgetToken();
                location.reload();
              }}
            >
              清除旧口令
            </button>
          ) : null}
        </main>
      </div>
    );
  }

  const open = screen.kind === 'blockage' ? blockages.find((b) => b.id === screen.id) : undefined;
  const waiting = outbox.filter((p) => !p.error);
  const failed = outbox.filter((p) => p.error);
  return (
    <div className="f-app">
      <header className="f-head">
        <div className="f-team">
          <b>{me?.team.name ?? '…'}</b>
          <span>{me?.township ?? ''}</span>
        </div>
        <span className={online ? 'f-net on' : 'f-net'} data-testid="net-state">
          {online ? '● 在线' : '● 离线'}
        </span>
        {waiting.length > 0 ? (
          <button type="button" className="f-pending" onClick={() => void flush()} data-testid="outbox-count">
            待发送 {waiting.length}
          </button>
        ) : null}
      </header>
      {!online ? <div className="f-offline">没有连上办公室：更新会存在手机上，联网后自动发送。</div> : null}
      {failed.length > 0 ? (
        <div className="f-failed">
          {failed.map((p) => (
            <div key={p.clientId}>
              <b>未能发送：</b>
              {p.label}（{p.error}）
              <button
                type="button"
                onClick={async () => {
                  await remove(p.clientId);
                  setOutbox(await pending());
                }}
              >
                知道了
              </button>
            </div>
          ))}
        </div>
      ) : null}
      {screen.kind === 'report' ? (
        <ReportScreen fix={fix} gpsError={gpsError} onBack={() => setScreen({ kind: 'list' })} onReport={report} />
      ) : open ? (
        <BlockageScreen blockage={open} fix={fix} onBack={() => setScreen({ kind: 'list' })} onAction={(a, n, p) => act(open, a, n, p)} />
      ) : (
          <ListScreen
            blockages={blockages}
            fresh={fresh}
            fix={fix}
            gpsError={gpsError}
            onOpen={(id) => {
              markSeen(id);
              setFresh((f) => new Set([...f].filter((x) => x !== id)));
              setScreen({ kind: 'blockage', id });
            }}
            onReport={() => setScreen({ kind: 'report' })}
            patrol={<PatrolBar patrol={patrol} />}
          />
      )}
      {toast ? (
        <div className={`f-toast ${toast.kind}`} role="status" data-testid="field-toast">
          {toast.text}
        </div>
      ) : null}
    </div>
  );
}
