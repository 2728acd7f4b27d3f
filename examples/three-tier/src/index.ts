export * from './three-tier-stack';
