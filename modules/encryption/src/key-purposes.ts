import { KeyPurpose, SENSITIVE_DATA_CLASSES } from '@rampart/core';

/** Every purpose a Rampart key may be created for. `public` data needs no key of its own. */
export const KEY_PURPOSES: readonly KeyPurpose[] = ['internal', 'confidential', 'pii', 'financial', 'health', 'restricted', 'logs', 'secrets', 'backup', 'state'];

/** The keys an environment gets when it does not say otherwise: the sensitive data classes plus logs, secrets and backup. */
export const DEFAULT_KEY_PURPOSES: readonly KeyPurpose[] = [...SENSITIVE_DATA_CLASSES, 'logs', 'secrets', 'backup'];

/** Services that may use the logs key through a service principal. */
export type LogService = 'cloudwatch-logs' | 'cloudtrail' | 'log-delivery';

/** Every log service, the logs key's default. */
export const LOG_SERVICES: readonly LogService[] = ['cloudwatch-logs', 'cloudtrail', 'log-delivery'];
