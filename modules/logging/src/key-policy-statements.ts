import { ServiceKeyStatement, serviceKeyUseStatement } from '@rampart/core';

export type { ServiceKeyStatement };

/**
 * The statement a logs key needs so that S3 server access logging can write to an
 * {@link AccessLogBucket} encrypted with it (SSE-KMS), on behalf of one account only.
 * The encryption module's logs key does not admit this service by default.
 */
export function s3AccessLogDeliveryKeyStatement(accountId: string): ServiceKeyStatement {
  return serviceKeyUseStatement('S3ServerAccessLoggingUse', 'logging.s3.amazonaws.com', accountId);
}
