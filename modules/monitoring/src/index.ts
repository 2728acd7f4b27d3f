export * from './alert-topic';
export * from './cis-metric-filters';
export * from './cis-benchmark-alarms';
export * from './vpc-deletion-alarm';
export * from './cpu-alarm';
