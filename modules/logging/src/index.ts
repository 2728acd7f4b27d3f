export { LOG_CLASSES, MINIMUM_RETENTION_DAYS, RetentionPolicy } from '@rampart/core';
export type { LogClass, RetentionPolicyProps } from '@rampart/core';
export * from './classified-log-group';
export * from './access-log-bucket';
export * from './audit-log-bucket';
export * from './audit-trail';
export * from './bucket-baseline';
