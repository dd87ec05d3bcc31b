/** Coordinates, measures and geometry checks shared by the core and the browser. */
export * from './crs';
export * from './gcj02';
export * from './bd09';
export * from './invert';
export * from './geometry';
export * from './length';
export * from './validate';
export * from './wkt';
