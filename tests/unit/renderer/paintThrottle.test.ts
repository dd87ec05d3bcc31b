import { describe, expect, it } from 'vitest';
import { followTransform, paintAtMostEvery, PAINT_INTERVAL_MS, type PageBox, type PaintTimers, type ThrottledCanvas, type ThrottledMap } from '../../../renderer/common/paintThrottle';

type Point = { x: number; y: number };

/**
 * A map 800×600 CSS px whose camera is a centre in CSS px of the world at zoom 0 and a zoom: what
 * the throttle sees of maplibre. `paints` counts the real paints; `moving` and the camera are set by the test.
 */
function fakeMap() {
  const listeners: Record<string, (() => void)[]> = {};
  const canvas = {
    width: 400,
    height: 300,
    clientWidth: 800,
    clientHeight: 600,
    offsetLeft: 0,
    offsetTop: 0,
    offsetWidth: 800,
    offsetHeight: 600,
    style: { transform: '' },
  } as unknown as ThrottledCanvas;
  const camera = { center: { x: 1000, y: 1000 } as Point, zoom: 10, moving: false };
  let paints = 0;
  let repaints = 0;
  const map = {
    painter: { render: () => void paints++ },
    isMoving: () => camera.moving,
    getCanvas: () => canvas,
    getContainer: () => ({ getBoundingClientRect: () => ({ left: 20, top: 50, width: 800, height: 600 }) }),
    getCenter: () => ({ ...camera.center }),
    getZoom: () => camera.zoom,
    // A world point (at zoom 0 units) on the canvas now.
    project: (p: Point) => {
      const k = 2 ** camera.zoom / 2 ** 10;
      return { x: 400 + (p.x - camera.center.x) * k, y: 300 + (p.y - camera.center.y) * k };
    },
    triggerRepaint: () => void repaints++,
    on: (type: string, fn: () => void) => (listeners[type] ??= []).push(fn),
    off: (type: string, fn: () => void) => (listeners[type] = (listeners[type] ?? []).filter((f) => f !== fn)),
  };
  const frame = () => map.painter.render();
  const fire = (type: string) => (listeners[type] ?? []).forEach((fn) => fn());
  return { map: map as unknown as ThrottledMap, canvas, camera, frame, fire, paints: () => paints, repaints: () => repaints };
}

/** A clock the test moves by hand, and timers that fire when it passes them. */
function fakeTimers() {
  let t = 0;
  const due = new Map<number, { fn: () => void; at: number }>();
  let next = 0;
  const timers: PaintTimers = {
    now: () => t,
    set: (fn, ms) => (due.set(++next, { fn, at: t + ms }), next),
    clear: (h) => due.delete(h as number),
  };
  const advance = (ms: number) => {
    t += ms;
    for (const [h, d] of [...due]) {
      if (d.at > t) continue;
      due.delete(h);
      d.fn();
    }
  };
  return { timers, advance, waiting: () => due.size };
}

/** A map with the throttle on, its camera moving, and the move's first frame painted. */
function movingMap(intervalMs = 150) {
  const fake = fakeMap();
  const clock = fakeTimers();
  paintAtMostEvery(fake.map, intervalMs, clock.timers);
  fake.camera.moving = true;
  fake.frame();
  return { ...fake, ...clock };
}

describe('the transform that moves the last picture to the camera', () => {
  it('is nothing when the camera has not moved, a shift for a pan and a scale about the centre for a zoom', () => {
    const size = { width: 800, height: 600 };
    expect(followTransform({ x: 400, y: 300 }, size, 10, 10)).toBe('translate(0px, 0px) scale(1)');
    expect(followTransform({ x: 460, y: 280 }, size, 10, 10)).toBe('translate(60px, -20px) scale(1)');
    expect(followTransform({ x: 400, y: 300 }, size, 10, 11)).toBe('translate(0px, 0px) scale(2)');
    expect(followTransform({ x: 400, y: 300 }, size, 10, 9.5)).toBe('translate(0px, 0px) scale(0.70711)');
  });
});

describe('painting a moving map at most every interval', () => {
  it('paints every frame at rest', () => {
    const { map, frame, paints } = fakeMap();
    const { timers, advance } = fakeTimers();
    paintAtMostEvery(map, PAINT_INTERVAL_MS, timers);
    for (let i = 0; i < 5; i++) {
      frame();
      advance(16);
    }
    expect(paints()).toBe(5);
  });

  it('while moving, paints once per interval and in between shows the last picture where the camera now puts it', () => {
    const { map, canvas, camera, frame, paints } = fakeMap();
    const { timers, advance } = fakeTimers();
    paintAtMostEvery(map, 150, timers);
    camera.moving = true;
    frame(); // the first frame of the move is painted
    expect(paints()).toBe(1);
    // The camera pans 30 px east per 16 ms frame: the painted picture slides west under it.
    for (let i = 1; i <= 5; i++) {
      advance(16);
      camera.center = { x: camera.center.x + 30, y: camera.center.y };
      frame();
      expect(canvas.style.transform).toBe(`translate(${-30 * i}px, 0px) scale(1)`);
    }
    expect(paints()).toBe(1);
    advance(150);
    frame();
    expect(paints()).toBe(2);
    expect(canvas.style.transform).toBe('');
  });

  it('a zoom between paints scales the picture, and the frame the move ends is painted at once', () => {
    const { canvas, camera, frame, paints, advance } = movingMap();
    advance(16);
    camera.zoom = 11;
    frame();
    expect(canvas.style.transform).toBe('translate(0px, 0px) scale(2)');
    advance(16);
    camera.moving = false;
    frame();
    expect(paints()).toBe(2);
    expect(canvas.style.transform).toBe('');
  });

  it('paints a resized canvas at once (it is blank until painted)', () => {
    const { canvas, frame, paints, advance } = movingMap();
    advance(16);
    canvas.width = 800;
    canvas.height = 600;
    frame();
    expect(paints()).toBe(2);
  });

  it('a drag held still between paints is painted when its interval is up', () => {
    const { camera, frame, paints, repaints, advance, waiting } = movingMap();
    advance(40);
    camera.center = { x: 1100, y: 1000 };
    frame();
    expect(waiting()).toBe(1);
    advance(109);
    expect(repaints()).toBe(0);
    advance(1);
    expect(repaints()).toBe(1); // maplibre's next frame then paints
    frame();
    expect(paints()).toBe(2);
  });

  it('while the picture is moved, reports the canvas where it is laid out, so the mouse is placed on the map, not on the picture', () => {
    const { canvas, camera, frame, advance } = movingMap();
    advance(16);
    camera.center = { x: 1200, y: 1000 };
    frame();
    const box: PageBox = canvas.getBoundingClientRect();
    expect([box.left, box.top, box.width, box.height]).toEqual([20, 50, 800, 600]);
    advance(150);
    frame();
    expect(Object.prototype.hasOwnProperty.call(canvas, 'getBoundingClientRect')).toBe(false);
  });

  it('a removed map gets its own paint back and no timer left behind', () => {
    const { map, camera, frame, fire, paints } = fakeMap();
    const { timers, advance, waiting } = fakeTimers();
    const render = map.painter.render;
    paintAtMostEvery(map, 150, timers);
    camera.moving = true;
    frame();
    advance(16);
    frame();
    fire('remove');
    expect(map.painter.render).toBe(render);
    expect(waiting()).toBe(0);
    frame();
    expect(paints()).toBe(2);
  });
});
