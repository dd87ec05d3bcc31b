import type { ReactNode } from 'react';
import type { PhoneBlockage } from '../../shared/contract/field';
import { distanceM, distanceText } from './geo';
import { statusText } from './labels';
import type { Fix } from './useGps';

const OPEN_FIRST: Record<string, number> = { in_progress: 0, assigned: 1, reported: 2, cleared: 3, verified: 4, rejected: 5 };

/** The team's blockages, nearest first when the phone knows where it is. */
export function ListScreen({ blockages, fresh, fix, gpsError, onOpen, onReport, patrol }: { blockages: PhoneBlockage[]; fresh: Set<string>; fix: Fix | null; gpsError: string | null; onOpen(id: string): void; onReport(): void; patrol: ReactNode }) {
  const sorted = [...blockages].sort((a, b) => {
    // Work newly assigned to the team comes first, marked 新, until it is opened.
    if (fresh.has(a.id) !== fresh.has(b.id)) return fresh.has(a.id) ? -1 : 1;
    const open = (x: PhoneBlockage) => (x.status === 'assigned' || x.status === 'in_progress' ? 0 : 1);
    if (open(a) !== open(b)) return open(a) - open(b);
    if (fix) return distanceM(fix.position, a.position) - distanceM(fix.position, b.position);
    return OPEN_FIRST[a.status]! - OPEN_FIRST[b.status]!;
  });
  return (
    <main className="f-main">
      <div className={fix ? 'f-gps ok' : 'f-gps'} role="status">
        {fix ? `已定位 · 精度 ${Math.round(fix.accuracyM)} 米 · 按距离排序` : (gpsError ?? '正在定位…')}
      </div>
      {sorted.length === 0 ? <p className="f-empty">现在没有派给本队的堵点。发现新堵点请点下方按钮上报。</p> : null}
      <ul className="f-list">
        {sorted.map((b) => (
          <li key={b.id}>
            <button type="button" className={`f-card f-card-${b.status}`} onClick={() => onOpen(b.id)} data-testid="field-blockage">
              {fresh.has(b.id) ? <span className="f-new" data-testid="field-new">新</span> : null}
              <span className={`f-status f-status-${b.status}`}>{statusText(b.status)}</span>
              <span className="f-card-name">{b.name}</span>
              <span className="f-card-where">
                {fix ? <b>{distanceText(fix.position, b.position)}</b> : null}
                {b.village ? <span>{b.village}</span> : null}
                {!b.assigned ? <span>本队上报 · 等待派工</span> : null}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <div className="f-bottom">
        {patrol}
        <button type="button" className="f-btn f-btn-report" onClick={onReport}>
          ＋ 上报新堵点
        </button>
      </div>
    </main>
  );
}
