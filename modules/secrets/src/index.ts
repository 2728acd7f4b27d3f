export * from './contracts';
export * from './secret-value';
export * from './ephemeral-random-password';
export * from './managed-secret';
export * from './secure-parameter';
export * from './read-grants';
export * from './ecs-secrets';
export * from './env-guard';
