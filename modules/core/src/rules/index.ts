/**
 * Input rules: the tables and pure validators that the modules apply to their props and that a
 * configuration loader applies to its fields before any construct exists. No constructs here; the
 * owning module re-exports each rule, so `@rampart/network`'s `planSubnets` is this one.
 */
export * from './detection';
export * from './guardrails';
export * from './identity';
export * from './monitoring';
export * from './network';
export * from './recovery';
export * from './subnet-plan';
export * from './workloads';
