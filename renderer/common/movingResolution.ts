// Dynamic resolution for maplibre maps on software WebGL (issue 15). On a desk without a usable
// GPU, Chromium draws WebGL with SwiftShader (Windows: WARP, Linux: llvmpipe) on the CPU, and
// every frame's cost grows with the canvas's pixel count. While the camera moves the map is drawn
// at half the device's linear resolution (a quarter of the pixels) and goes back to the device's
// own ratio in the frame the move ends, so it is coarser only while it moves and sharp at rest.
// On a GPU nothing changes.
import type { Map as MapLibre } from 'maplibre-gl';

/** Renderer names of software rasterisers: Chromium's SwiftShader, Mesa's llvmpipe/softpipe/lavapipe, Windows' WARP. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|lavapipe|microsoft basic render|software/i;

/** The fraction of the device's linear resolution the map is drawn at while its camera moves on software WebGL. */
export const MOVING_SCALE = 0.5;

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

/**
 * When `renderer` (the map's WebGL renderer name) is software, draw `map` coarser while its camera
 * moves (movestart → moveend); returns the detach function. Does nothing on a GPU. `deviceRatio`
 * reads the device's pixel ratio when a move starts.
 */
export function drawCoarserWhileMoving(map: ResolutionMap, renderer: string | null, deviceRatio: () => number): () => void {
  if (!isSoftwareRenderer(renderer)) return () => {};
  // Not the public setPixelRatio: it goes through map.resize(), which, outside a camera animation,
  // stops the map (ending a drag under the user's hand) and fires movestart/moveend of its own.
  // maplibre fires movestart and moveend from its render frame before it draws, so the frame that
  // starts or ends a move is itself drawn at the new ratio: no blank canvas, no extra frame.
  const apply = (moving: boolean) => {
    // null at rest: maplibre follows the device's ratio itself again (a window moved to another screen).
    const ratio = moving ? drawingPixelRatio(deviceRatio(), true, true) : null;
    if ((map._overridePixelRatio ?? null) === ratio) return;
    map._overridePixelRatio = ratio;
    map._resizeInternal(false);
    map.triggerRepaint();
  };
  const coarse = () => apply(true);
  // A move interrupted by the next one (an ease cut short by another) ends while the camera still
  // moves: the canvas stays coarse rather than being reallocated twice for a frame drawn coarse.
  const sharp = () => {
    if (!map.isMoving()) apply(false);
  };
  map.on('movestart', coarse);
  map.on('moveend', sharp);
  return () => {
    map.off('movestart', coarse);
    map.off('moveend', sharp);
    apply(false);
  };
}
