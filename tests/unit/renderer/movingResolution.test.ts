import { describe, expect, it } from 'vitest';
import { drawCoarserWhileMoving, drawingPixelRatio, isSoftwareRenderer, MOVING_SCALE, SETTLE_MS, type ResolutionMap, type SettleTimers } from '../../../renderer/common/movingResolution';

// Renderer names as Chromium reports them (UNMASKED_RENDERER_WEBGL).
const SWIFTSHADER = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
const LLVMPIPE = 'ANGLE (Mesa, llvmpipe (LLVM 15.0.6, 256 bits), OpenGL 4.5)';
const WARP = 'ANGLE (Microsoft, Microsoft Basic Render Driver (0x0000008C) Direct3D11 vs_5_0 ps_5_0, D3D11)';
const INTEL = 'ANGLE (Intel, Intel(R) UHD Graphics 620 (0x00005917) Direct3D11 vs_5_0 ps_5_0, D3D11)';
const NVIDIA = 'ANGLE (NVIDIA, NVIDIA GeForce GTX 1650 (0x00001F82) Direct3D11 vs_5_0 ps_5_0, D3D11)';

/** A map that records what the switch does to it, and fires the camera's events on demand. */
function fakeMap() {
  const listeners: Record<string, (() => void)[]> = {};
  const resized: (number | null)[] = [];
  let moving = false;
  const map = {
    isMoving: () => moving,
    _overridePixelRatio: undefined as number | null | undefined,
    on: (type: string, fn: () => void) => (listeners[type] ??= []).push(fn),
    off: (type: string, fn: () => void) => (listeners[type] = (listeners[type] ?? []).filter((f) => f !== fn)),
    triggerRepaint: () => {},
    _resizeInternal: () => resized.push(map._overridePixelRatio ?? null),
  };
  // maplibre's camera says it moves from movestart until moveend, unless another move has already begun.
  const fire = (type: string, stillMoving = false) => {
    moving = type === 'movestart' || stillMoving;
    (listeners[type] ?? []).forEach((fn) => fn());
  };
  return { map: map as unknown as ResolutionMap & { _overridePixelRatio: number | null | undefined }, fire, resized };
}

/** Timers the test runs by hand: `run()` fires what is due, as the clock passing SETTLE_MS would. */
function fakeTimers() {
  const due = new Map<number, { fn: () => void; ms: number }>();
  let next = 0;
  const timers: SettleTimers = {
    set: (fn, ms) => (due.set(++next, { fn, ms }), next),
    clear: (handle) => due.delete(handle as number),
  };
  const run = () => {
    const all = [...due.values()];
    due.clear();
    all.forEach((t) => t.fn());
    return all.map((t) => t.ms);
  };
  return { timers, run, waiting: () => due.size };
}

describe('software WebGL detection', () => {
  it('knows SwiftShader, llvmpipe and WARP as software and real GPUs as not', () => {
    expect([SWIFTSHADER, LLVMPIPE, WARP].map(isSoftwareRenderer)).toEqual([true, true, true]);
    expect([INTEL, NVIDIA, '', null, undefined].map(isSoftwareRenderer)).toEqual([false, false, false, false, false]);
  });
});

describe('pixel ratio while moving and at rest', () => {
  it('draws coarser only while the camera moves on software WebGL', () => {
    expect(drawingPixelRatio(1, true, true)).toBe(MOVING_SCALE);
    expect(drawingPixelRatio(2, true, true)).toBe(2 * MOVING_SCALE);
    expect(MOVING_SCALE).toBeLessThan(1);
    expect(drawingPixelRatio(1, true, false)).toBe(1);
    expect(drawingPixelRatio(2, false, true)).toBe(2);
    expect(drawingPixelRatio(1.25, false, false)).toBe(1.25);
  });

  it('on software WebGL goes coarse at movestart and back to the device ratio once the camera has rested, resizing once each', () => {
    const { map, fire, resized } = fakeMap();
    const { timers, run } = fakeTimers();
    const resolution = drawCoarserWhileMoving(map, SWIFTSHADER, () => 1, timers);
    fire('movestart');
    expect(map._overridePixelRatio).toBe(MOVING_SCALE);
    fire('movestart'); // an ease interrupted by another: no second resize
    fire('moveend');
    // The move has ended but the sharp frame waits: the user may go on at once.
    expect(map._overridePixelRatio).toBe(MOVING_SCALE);
    expect(resolution.settling()).toBe(true);
    expect(run()).toEqual([SETTLE_MS]);
    expect(map._overridePixelRatio).toBeNull();
    expect(resolution.settling()).toBe(false);
    fire('moveend');
    expect(run()).toEqual([]);
    expect(resized).toEqual([MOVING_SCALE, null]);
  });

  it('stays coarse between the steps of a wheel zoom: no sharp frame until the last one has rested', () => {
    const { map, fire, resized } = fakeMap();
    const { timers, run, waiting } = fakeTimers();
    drawCoarserWhileMoving(map, LLVMPIPE, () => 2, timers);
    for (let notch = 0; notch < 5; notch++) {
      fire('movestart');
      fire('moveend');
    }
    expect(waiting()).toBe(1);
    expect(resized).toEqual([2 * MOVING_SCALE]);
    run();
    expect(resized).toEqual([2 * MOVING_SCALE, null]);
  });

  it('stays coarse through a move cut short by the next one', () => {
    const { map, fire, resized } = fakeMap();
    const { timers, run, waiting } = fakeTimers();
    drawCoarserWhileMoving(map, WARP, () => 1, timers);
    fire('movestart');
    fire('moveend', true); // the first ease's end, delivered after the second has begun
    expect(waiting()).toBe(0);
    fire('movestart');
    expect(map._overridePixelRatio).toBe(MOVING_SCALE);
    fire('moveend');
    run();
    expect(resized).toEqual([MOVING_SCALE, null]);
  });

  it('a move that starts as the timer fires keeps the map coarse', () => {
    const { map, fire, resized } = fakeMap();
    const { timers, run } = fakeTimers();
    drawCoarserWhileMoving(map, SWIFTSHADER, () => 1, timers);
    fire('movestart');
    fire('moveend');
    fire('moveend', true); // a drag begun without its movestart yet delivered
    run();
    expect(resized).toEqual([MOVING_SCALE]);
  });

  it('leaves a map on a GPU alone', () => {
    const { map, fire, resized } = fakeMap();
    drawCoarserWhileMoving(map, NVIDIA, () => 1);
    fire('movestart');
    expect(map._overridePixelRatio).toBeUndefined();
    expect(resized).toEqual([]);
  });

  it('detached mid-move, the map is drawn sharp again and no longer follows the camera', () => {
    const { map, fire, resized } = fakeMap();
    const { timers, run } = fakeTimers();
    const { detach } = drawCoarserWhileMoving(map, LLVMPIPE, () => 2, timers);
    fire('movestart');
    fire('moveend');
    detach();
    expect(run()).toEqual([]);
    fire('movestart');
    expect(map._overridePixelRatio).toBeNull();
    expect(resized).toEqual([2 * MOVING_SCALE, null]);
  });

  it('a map removed while its sharp frame waits is not resized afterwards', () => {
    const { map, fire, resized } = fakeMap();
    const { timers, run } = fakeTimers();
    drawCoarserWhileMoving(map, SWIFTSHADER, () => 1, timers);
    fire('movestart');
    fire('moveend');
    fire('remove');
    expect(run()).toEqual([]);
    fire('movestart');
    expect(resized).toEqual([MOVING_SCALE]);
  });
});
