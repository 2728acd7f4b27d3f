export * from './types';
export * from './context';
export * from './policy-document';
export * from './suppressions';
export * from './engine';
export * from './policy';
export * from './packs';
export * from './rules';
export { main as runCli, findStacks } from './cli';
