export * from './retention-policy';
export * from './classified-log-group';
export * from './access-log-bucket';
export * from './audit-log-bucket';
export * from './audit-trail';
export * from './key-policy-statements';
export * from './bucket-baseline';
