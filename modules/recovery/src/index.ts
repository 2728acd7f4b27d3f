export * from './tags';
export * from './backup-retention';
export * from './backup-vault';
export * from './backup-service-role';
export * from './backup-plans';
export * from './restore-testing';
export * from './copy-target';
