export * from './provider-guard';
export * from './rampart-stack';
