/**
 * Recording a patrol walk (巡查轨迹) while the page is open: the phone's GPS is sampled, blurred
 * fixes are left out, and the track goes to the outbox in numbered chunks (so a dead battery or
 * no signal loses nothing already recorded). The walk in progress is kept in localStorage and
 * resumes after a reload. A web page cannot record in the background: the screen stays on (Wake
 * Lock) where the phone allows, and the page says so.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { pairDistanceM } from '../../shared/calc/lineLength';
import { DEFAULT_TRACK_RULES, type TrackPoint } from '../../shared/calc/patrol/track';

const KEY = 'draindesk.field.patrol';
/** Keep a fix when this long has passed or this far has been walked since the last kept one. */
const SAMPLE_S = 10;
const SAMPLE_M = 15;
/** Send a chunk every this many points (about five minutes of walking). */
const CHUNK_POINTS = 30;

interface Walk {
  patrolId: string;
  startedAt: string;
  nextSeq: number;
  /** Points not yet handed to the outbox. */
  buffer: TrackPoint[];
  /** Points recorded in all, and metres walked, for the screen. */
  count: number;
  lengthM: number;
  /** The last point kept (it may already be in a sent chunk): sampling and distance go on from it. */
  last: TrackPoint | null;
}

export interface Chunk {
  patrolId: string;
  seq: number;
  points: TrackPoint[];
  final: boolean;
}

function load(): Walk | null {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? 'null') as Walk | null;
  } catch {
    return null;
  }
}

function save(walk: Walk | null): void {
  if (walk) localStorage.setItem(KEY, JSON.stringify(walk));
  else localStorage.removeItem(KEY);
}

type WakeLock = { release(): Promise<void> };

/** The walk in progress, and start/stop; `send` puts each finished chunk in the outbox. */
export function usePatrol(newId: () => string, send: (chunk: Chunk) => Promise<void>) {
  const [walk, setWalk] = useState<Walk | null>(load);
  const [gpsNote, setGpsNote] = useState<string | null>(null);
  const walkRef = useRef(walk);
  walkRef.current = walk;
  // The page hands a new `send` each render; the GPS watch must not restart for that.
  const sendRef = useRef(send);
  sendRef.current = send;

  const update = useCallback((next: Walk | null) => {
    walkRef.current = next;
    save(next);
    setWalk(next);
  }, []);

  const flushChunk = useCallback(
    async (final: boolean) => {
      const w = walkRef.current;
      if (!w) return;
      if (w.buffer.length === 0 && !final) return;
      const chunk = { patrolId: w.patrolId, seq: w.nextSeq, points: w.buffer, final };
      update(final ? null : { ...w, nextSeq: w.nextSeq + 1, buffer: [] });
      // An empty last chunk would only mark the walk ended, and the server refuses empty chunks.
      if (chunk.points.length > 0) await sendRef.current(chunk);
    },
    [update],
  );

  useEffect(() => {
    if (!walk || !('geolocation' in navigator)) return;
    let lock: WakeLock | null = null;
    const wake = (navigator as { wakeLock?: { request(type: 'screen'): Promise<WakeLock> } }).wakeLock;
    void wake?.request('screen').then((l) => (lock = l), () => undefined);
    const id = navigator.geolocation.watchPosition(
      (p) => {
        const w = walkRef.current;
        if (!w) return;
        if (p.coords.accuracy > DEFAULT_TRACK_RULES.maxAccuracyM) {
          setGpsNote(`定位精度 ${Math.round(p.coords.accuracy)} 米，太差，这一点不记录`);
          return;
        }
        setGpsNote(null);
        const point: TrackPoint = { lon: p.coords.longitude, lat: p.coords.latitude, at: new Date(p.timestamp).toISOString(), accuracyM: p.coords.accuracy };
        const last = w.last;
        const moved = last ? pairDistanceM([last.lon, last.lat], [point.lon, point.lat]) : 0;
        if (last && moved < SAMPLE_M && Date.parse(point.at) - Date.parse(last.at) < SAMPLE_S * 1000) return;
        const next = { ...w, buffer: [...w.buffer, point], count: w.count + 1, lengthM: w.lengthM + moved, last: point };
        update(next);
        if (next.buffer.length >= CHUNK_POINTS) void flushChunk(false);
      },
      (e) => setGpsNote(e.code === e.PERMISSION_DENIED ? '没有定位权限，无法记录轨迹' : '暂时无法定位，请到开阔处'),
      { enableHighAccuracy: true, maximumAge: 0, timeout: 30_000 },
    );
    return () => {
      navigator.geolocation.clearWatch(id);
      void lock?.release().catch(() => undefined);
    };
    // Restart the watch only when a walk starts or ends, not on every point.
  }, [walk?.patrolId, flushChunk, update]);

  const start = useCallback(() => {
    update({ patrolId: newId(), startedAt: new Date().toISOString(), nextSeq: 0, buffer: [], count: 0, lengthM: 0, last: null });
  }, [newId, update]);
  const stop = useCallback(() => flushChunk(true), [flushChunk]);
  return { walk, gpsNote, start, stop };
}
