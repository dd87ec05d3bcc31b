/** Public API of the drainage calculations (issue 6). */
export * from './sectionTypes';
export * from './validate';
export * from './section';
export * from './runoff';
export * from './drainDown';
export * from './pumping';
export * from './rain';
export * from './lineLength';
export * from './networkTypes';
export { analyzeBlockages, cutOffSegmentIds, rankByImpact, rankOnTopology } from './network';
export { buildTopology, sameShape, type DrainageTopology } from './networkTopology';
