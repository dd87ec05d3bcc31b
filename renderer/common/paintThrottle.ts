// Fewer paints while the camera moves on software WebGL (issue 15). A paint of the township's
// network costs a software rasteriser 100–200 ms of CPU even drawn coarse (movingResolution.ts),
// so a pan painted every frame shows 5–12 frames a second. While the camera moves, the map is
// painted at most every PAINT_INTERVAL_MS; in the frames between, the last painted picture follows
// the camera as a CSS transform of the canvas (moved, and scaled for a zoom), which the compositor
// draws for a fraction of a paint — as Leaflet does for every zoom and Esri's web maps do on
// software rendering. The picture is then up to one interval old in content (tiles coming into
// view appear at the next paint, the edge just uncovered shows the map's background), never in
// place: every frame is where the camera is. At rest every frame is painted, as before.
import type { LngLat } from 'maplibre-gl';

/** The longest a moving map goes without a paint, ms. */
export const PAINT_INTERVAL_MS = 150;

/** A box on the page, as getBoundingClientRect gives it. */
export interface PageBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
  x: number;
  y: number;
  width: number;
  height: number;
  toJSON(): unknown;
}

/** The parts of the map's canvas the throttle uses (the DOM's own types stay out of the core's typecheck). */
export interface ThrottledCanvas {
  width: number;
  height: number;
  clientWidth: number;
  clientHeight: number;
  offsetLeft: number;
  offsetTop: number;
  offsetWidth: number;
  offsetHeight: number;
  style: { transform: string };
  getBoundingClientRect(): PageBox;
}

/** The parts of a maplibre map the throttle uses (a fake in the unit test). */
export interface ThrottledMap {
  painter: { render(...args: unknown[]): unknown };
  isMoving(): boolean;
  getCanvas(): ThrottledCanvas;
  getContainer(): { getBoundingClientRect(): { left: number; top: number } };
  getCenter(): LngLat;
  getZoom(): number;
  project(lngLat: LngLat): { x: number; y: number };
  triggerRepaint(): void;
  on(type: 'remove', fn: () => void): unknown;
  off(type: 'remove', fn: () => void): unknown;
}

/**
 * The CSS transform that puts a picture painted at `paintedZoom` where the camera now is: the
 * painted centre is now drawn at `centreNow` (CSS px in the canvas), the zoom is `zoomNow`. The
 * transform's origin is the canvas's centre (CSS's default), so a point `v` from the centre of the
 * picture lands at `centreNow + v · 2^(zoomNow − paintedZoom)`, where the camera shows it.
 */
export function followTransform(centreNow: { x: number; y: number }, size: { width: number; height: number }, paintedZoom: number, zoomNow: number): string {
  const dx = centreNow.x - size.width / 2;
  const dy = centreNow.y - size.height / 2;
  const scale = 2 ** (zoomNow - paintedZoom);
  return `translate(${round(dx)}px, ${round(dy)}px) scale(${round(scale, 5)})`;
}

const round = (v: number, digits = 2) => Number(v.toFixed(digits));

/** Timers, injectable so the unit test runs without waiting. */
export interface PaintTimers {
  now(): number;
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const WINDOW_TIMERS: PaintTimers = {
  now: () => performance.now(),
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Paint `map` at most every `intervalMs` while it moves; returns the detach function. */
export function paintAtMostEvery(map: ThrottledMap, intervalMs = PAINT_INTERVAL_MS, timers: PaintTimers = WINDOW_TIMERS): () => void {
  const painter = map.painter;
  const paint = painter.render;
  const canvas = map.getCanvas();
  let painted: { at: number; center: LngLat; zoom: number; width: number; height: number } | null = null;
  let following = false;
  // A frame left unpainted is painted once its interval is up even if the camera stops changing
  // meanwhile (a drag held still): maplibre draws only when something changed.
  let catchUp: unknown = null;
  const cancelCatchUp = () => {
    if (catchUp !== null) timers.clear(catchUp);
    catchUp = null;
  };

  // maplibre places mouse and touch events by the canvas's bounding box: while the canvas is
  // transformed, the box it reports is where the canvas is laid out, not where it is drawn, or a
  // drag would chase its own picture.
  const laidOutBox = (): PageBox => {
    const box = map.getContainer().getBoundingClientRect();
    const [left, top, width, height] = [box.left + canvas.offsetLeft, box.top + canvas.offsetTop, canvas.offsetWidth, canvas.offsetHeight];
    const rect = { left, top, width, height, x: left, y: top, right: left + width, bottom: top + height };
    return { ...rect, toJSON: () => rect };
  };
  const follow = (transform: string) => {
    canvas.style.transform = transform;
    if (!following) canvas.getBoundingClientRect = laidOutBox;
    following = true;
  };
  const stopFollowing = () => {
    if (!following) return;
    canvas.style.transform = '';
    // The element's own method again (the instance property shadowed the prototype's).
    delete (canvas as Partial<ThrottledCanvas>).getBoundingClientRect;
    following = false;
  };

  painter.render = function throttledRender(this: unknown, ...args: unknown[]) {
    const now = timers.now();
    // A resized canvas (the switch to or from the coarse resolution) is blank until painted.
    const resized = painted !== null && (canvas.width !== painted.width || canvas.height !== painted.height);
    if (painted !== null && !resized && map.isMoving() && now - painted.at < intervalMs) {
      follow(followTransform(map.project(painted.center), { width: canvas.clientWidth, height: canvas.clientHeight }, painted.zoom, map.getZoom()));
      if (catchUp === null) {
        catchUp = timers.set(() => {
          catchUp = null;
          map.triggerRepaint();
        }, intervalMs - (now - painted.at));
      }
      return undefined;
    }
    cancelCatchUp();
    stopFollowing();
    painted = { at: now, center: map.getCenter(), zoom: map.getZoom(), width: canvas.width, height: canvas.height };
    return paint.apply(painter, args);
  };

  const detach = () => {
    cancelCatchUp();
    painter.render = paint;
    stopFollowing();
    map.off('remove', detach);
  };
  map.on('remove', detach);
  return detach;
}
