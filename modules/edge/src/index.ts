export * from './managed-rules';
export * from './cost';
export * from './regional-web-acl';
export * from './shield-advanced';
