/** RightCare-style peer benchmarking: the `peers` view template and its pure building blocks. */
export { peersTemplate, latestPeriod } from './template';
export { PEERS_ROLES, resolvePeersColumns, peersCompanionTables, peersMappingGaps } from './roles';
export { peersParams, type PeersParams, type BenchmarkKind, type SignificanceLevel, type PopulationBasis } from './params';
export { peersHeadline } from './headline';
export { analysePeers, type PeersAnalysis, type IndicatorResult, type PeersInput } from './analyse';
export { peerDistances, closestPeers, transformVariable, capAtMeanPlus5Sd, type DistanceResult } from './distance';
export { computeBenchmarks, quantileInclusive, bestFive, rankBest, type Benchmarks } from './benchmarks';
export { wilsonInterval, byarInterval, valueInterval, isSignificant, Z_SCORES } from './significance';
export { worseGap, opportunityFor, choosePopulation, totalOpportunity } from './opportunity';
export { parseUnit, parseDirection, unitFormat, type UnitInfo, type Direction } from './units';
export { rankedBarOption, quadrantOption, chooseQuadrant } from './charts';
export { buildPeersResult, PEERS_TABLE_IDS } from './result';
