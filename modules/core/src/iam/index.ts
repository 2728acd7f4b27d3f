export * from './policy-document';
export * from './grant';
export * from './statement-list';
export * from './key-service-use';
