// The DOM side of movingResolution.ts and paintThrottle.ts: which WebGL renderer a map got, and
// what a moving map is spared on a software one.
import type { Map as MapLibre } from 'maplibre-gl';
import { drawCoarserWhileMoving, isSoftwareRenderer, type MovingResolution } from './movingResolution';
import { paintAtMostEvery, type ThrottledMap } from './paintThrottle';

/** The renderer name of the WebGL context already on `canvas` (getContext returns the existing one), or null. */
export function webglRendererName(canvas: HTMLCanvasElement): string | null {
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (!gl) return null;
  // RENDERER alone says only "WebKit WebGL" in Chromium; without the extension it is all there is.
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name: unknown = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
  return typeof name === 'string' ? name : null;
}

/**
 * On software WebGL (no usable GPU), while `map`'s camera moves: draw it with a quarter of the
 * pixels and paint it at most every PAINT_INTERVAL_MS, the last picture following the camera in
 * between; sharp and painted every frame once at rest. Nothing changes on a GPU.
 */
export function lightenMovesOnSoftwareWebgl(map: MapLibre): MovingResolution {
  const renderer = webglRendererName(map.getCanvas());
  if (isSoftwareRenderer(renderer)) paintAtMostEvery(map as unknown as ThrottledMap);
  return drawCoarserWhileMoving(map, renderer, () => window.devicePixelRatio);
}
