// The DOM side of movingResolution.ts: which WebGL renderer a map got, and the switch wired to it.
import type { Map as MapLibre } from 'maplibre-gl';
import { drawCoarserWhileMoving, type MovingResolution } from './movingResolution';

/** The renderer name of the WebGL context already on `canvas` (getContext returns the existing one), or null. */
export function webglRendererName(canvas: HTMLCanvasElement): string | null {
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (!gl) return null;
  // RENDERER alone says only "WebKit WebGL" in Chromium; without the extension it is all there is.
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name: unknown = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
  return typeof name === 'string' ? name : null;
}

/** On software WebGL (no usable GPU) draw `map` with a quarter of the pixels while its camera moves, full once at rest; nothing on a GPU. */
export function coarserWhileMovingOnSoftwareWebgl(map: MapLibre): MovingResolution {
  return drawCoarserWhileMoving(map, webglRendererName(map.getCanvas()), () => window.devicePixelRatio);
}
