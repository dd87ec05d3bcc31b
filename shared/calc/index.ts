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
export { analyzeBlockages, cutOffSegmentIds, patchAnalysis, rankByImpact, rankOnTopology, rankOnTopologyIndexed } from './network';
export type { CutOffIndex, KeptSums, RangeSums } from './cutOffSums';
export { ExactSum, exactSum } from './exactSum';
export { LaminarRanges } from './laminarRanges';
export { buildTopology, sameShape, type DrainageTopology } from './networkTopology';
export { patchTopology, type TopologyChange } from './topologyPatch';
export { growTopology } from './topologyGrow';
export { firstAtOrAbove } from './sortedSearch';
