// Dynamic resolution for maplibre maps on software WebGL (issue 15). On a desk without a usable
// GPU, Chromium draws WebGL with SwiftShader (Windows: WARP, Linux: llvmpipe) on the CPU, and
// every frame's cost grows with the canvas's pixel count. While the camera moves the map is drawn
// at half the device's linear resolution (a quarter of the pixels) and goes back to the device's
// own ratio once the camera has rested for SETTLE_MS, so it is coarser only while it moves and sharp
// at rest. On a GPU nothing changes.
import type { Map as MapLibre } from 'maplibre-gl';

/** Renderer names of software rasterisers: Chromium's SwiftShader, Mesa's llvmpipe/softpipe/lavapipe, Windows' WARP. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|lavapipe|microsoft basic render|software/i;

/** The fraction of the device's linear resolution the map is drawn at while its camera moves on software WebGL. */
export const MOVING_SCALE = 0.5;

/**
 * How long the camera rests before the map is drawn sharp again. A sharp frame costs a software
 * rasteriser four times a coarse one (250–320 ms of CPU at 1440×900): drawn between the steps of a
 * wheel zoom or between two drags it holds up the next step under the user's hand, so the sharp
 * frame waits until the user has stopped (a wheel's notches come 30–150 ms apart).
 */
export const SETTLE_MS = 250;

/** Timers, injectable so the unit test runs the settling without waiting. */
export interface SettleTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const WINDOW_TIMERS: SettleTimers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Whether a WebGL renderer name (UNMASKED_RENDERER_WEBGL) is a software rasteriser. */
export function isSoftwareRenderer(name: string | null | undefined): boolean {
  return typeof name === 'string' && SOFTWARE_RENDERER.test(name);
}

/** The pixel ratio to draw at: the device's, except while the camera moves on software WebGL. */
export function drawingPixelRatio(deviceRatio: number, software: boolean, moving: boolean): number {
  return software && moving ? deviceRatio * MOVING_SCALE : deviceRatio;
}

/** The parts of a maplibre map the switch uses (a fake in the unit test). */
export type ResolutionMap = Pick<MapLibre, 'on' | 'off' | 'isMoving' | 'triggerRepaint' | '_overridePixelRatio' | '_resizeInternal'>;

/** The switch on one map. */
export interface MovingResolution {
  /** True from a move's end until the sharp frame is asked for: what is on screen is not yet final. */
  settling(): boolean;
  /** Stop following the camera and draw sharp again. */
  detach(): void;
}

/**
 * When `renderer` (the map's WebGL renderer name) is software, draw `map` coarser while its camera
 * moves (movestart → SETTLE_MS after moveend). Does nothing on a GPU. `deviceRatio` reads the
 * device's pixel ratio when a move starts.
 */
export function drawCoarserWhileMoving(map: ResolutionMap, renderer: string | null, deviceRatio: () => number, timers: SettleTimers = WINDOW_TIMERS): MovingResolution {
  if (!isSoftwareRenderer(renderer)) return { settling: () => false, detach: () => {} };
  // Not the public setPixelRatio: it goes through map.resize(), which, outside a camera animation,
  // stops the map (ending a drag under the user's hand) and fires movestart/moveend of its own.
  // maplibre fires movestart from its render frame before it draws, so the frame that starts a move
  // is itself drawn coarse: no blank canvas, no extra frame. The sharp switch comes from a timer,
  // as maplibre's own resize does from its ResizeObserver: the repaint it asks for draws before the
  // page's next frame is shown.
  const apply = (moving: boolean) => {
    // null at rest: maplibre follows the device's ratio itself again (a window moved to another screen).
    const ratio = moving ? drawingPixelRatio(deviceRatio(), true, true) : null;
    if ((map._overridePixelRatio ?? null) === ratio) return;
    map._overridePixelRatio = ratio;
    map._resizeInternal(false);
    map.triggerRepaint();
  };
  let pending: unknown = null;
  const cancel = () => {
    if (pending !== null) timers.clear(pending);
    pending = null;
  };
  const coarse = () => {
    cancel();
    apply(true);
  };
  // A move interrupted by the next one (an ease cut short by another) ends while the camera still
  // moves: the canvas stays coarse rather than being reallocated twice for a frame drawn coarse.
  const rested = () => {
    pending = null;
    if (!map.isMoving()) apply(false);
  };
  const ended = () => {
    if (map.isMoving() || (map._overridePixelRatio ?? null) === null) return;
    cancel();
    pending = timers.set(rested, SETTLE_MS);
  };
  // Also when the map is removed while its sharp frame waits: the timer must not resize a map that is gone.
  const removed = () => {
    cancel();
    map.off('movestart', coarse);
    map.off('moveend', ended);
    map.off('remove', removed);
  };
  const detach = () => {
    removed();
    apply(false);
  };
  map.on('movestart', coarse);
  map.on('moveend', ended);
  map.on('remove', removed);
  return { settling: () => pending !== null, detach };
}
