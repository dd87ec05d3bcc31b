import type { usePatrol } from './usePatrol';

/** 开始巡查 / 结束巡查, what is being recorded, and what a web page cannot do in the background. */
export function PatrolBar({ patrol }: { patrol: ReturnType<typeof usePatrol> }) {
  const { walk, gpsNote, start, stop } = patrol;
  if (!walk) {
    return (
      <button type="button" className="f-btn f-btn-patrol" onClick={start} data-testid="patrol-start">
        开始巡查
      </button>
    );
  }
  return (
    <div className="f-patrol" role="status" data-testid="patrol-state">
      <div>
        <b>巡查中</b> · 已走 {(walk.lengthM / 1000).toFixed(2)} 公里 · 已记录 {walk.count} 个点
      </div>
      {gpsNote ? <div className="f-patrol-note">{gpsNote}</div> : null}
      <div className="f-patrol-note">请保持本页打开、屏幕常亮：网页在后台或锁屏时，手机会停止记录位置。没有信号也照常记录，联网后自动发送。</div>
      <button type="button" className="f-btn f-btn-plain" onClick={() => void stop()} data-testid="patrol-stop">
        结束巡查
      </button>
    </div>
  );
}
