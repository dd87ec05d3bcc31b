/**
 * Cleaning a patrol track (巡查轨迹) recorded by a phone before it is stored: GPS on a phone in a
 * field gives points out of order (a queue replayed), duplicated (a retry), blurred (accuracy of
 * hundreds of metres under a shed) and jumps (a fix snapping kilometres away for one second).
 * Pure, so the phone can show the same verdict the server stores.
 */
import { pairDistanceM } from '../lineLength';

export interface TrackPoint {
  lon: number;
  lat: number;
  /** UTC ISO-8601 time of the fix. */
  at: string;
  /** The fix's accuracy radius, metres (the Geolocation API's `coords.accuracy`). */
  accuracyM: number;
}

export interface TrackRules {
  /** Fixes blurrier than this are left out (a ditch is a few metres wide; 30 m is the coverage distance). */
  maxAccuracyM: number;
  /** Faster than this from the last kept point is a jump, not a patrol (a motorbike on a field road is ~60 km/h). */
  maxSpeedKmh: number;
}

export const DEFAULT_TRACK_RULES: TrackRules = { maxAccuracyM: 50, maxSpeedKmh: 120 };

export interface CleanedTrack {
  points: TrackPoint[];
  dropped: { duplicate: number; inaccurate: number; jump: number; invalid: number };
  /** Metres along the kept points. */
  lengthM: number;
}

function valid(p: TrackPoint): boolean {
  return (
    Number.isFinite(p.lon) && Number.isFinite(p.lat) && Math.abs(p.lon) <= 180 && Math.abs(p.lat) <= 90 &&
    !(p.lon === 0 && p.lat === 0) && Number.isFinite(p.accuracyM) && p.accuracyM >= 0 && !Number.isNaN(Date.parse(p.at))
  );
}

/** Sort by time, drop duplicates, blurred fixes and impossible jumps; say how many of each. */
export function cleanTrack(raw: readonly TrackPoint[], rules: TrackRules = DEFAULT_TRACK_RULES): CleanedTrack {
  const dropped = { duplicate: 0, inaccurate: 0, jump: 0, invalid: 0 };
  const usable = raw.filter((p) => (valid(p) ? true : (dropped.invalid++, false)));
  const sorted = [...usable].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const points: TrackPoint[] = [];
  let lengthM = 0;
  const maxMps = (rules.maxSpeedKmh * 1000) / 3600;
  for (const p of sorted) {
    const last = points[points.length - 1];
    if (last && Date.parse(last.at) === Date.parse(p.at)) {
      dropped.duplicate++;
      continue;
    }
    if (p.accuracyM > rules.maxAccuracyM) {
      dropped.inaccurate++;
      continue;
    }
    if (last) {
      const d = pairDistanceM([last.lon, last.lat], [p.lon, p.lat]);
      const s = (Date.parse(p.at) - Date.parse(last.at)) / 1000;
      // The fix's own blur is allowed for, so standing still with a wobbling fix is not a jump.
      if (d - p.accuracyM - last.accuracyM > maxMps * s) {
        dropped.jump++;
        continue;
      }
      lengthM += d;
    }
    points.push(p);
  }
  return { points, dropped, lengthM };
}
