/** A key-policy statement, in the shape KMS key policies (and the encryption module's `addToKeyPolicy`) take. */
export interface ServiceKeyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Principal: { readonly Service: string };
  readonly Action: readonly string[];
  readonly Resource: string;
  readonly Condition: Record<string, Record<string, string>>;
}

/**
 * The statement a logs key needs so that S3 server access logging can write to an
 * {@link AccessLogBucket} encrypted with it (SSE-KMS), on behalf of one account only.
 * The encryption module's logs key does not admit this service by default.
 */
export function s3AccessLogDeliveryKeyStatement(accountId: string): ServiceKeyStatement {
  return {
    Sid: 'S3ServerAccessLoggingUse',
    Effect: 'Allow',
    Principal: { Service: 'logging.s3.amazonaws.com' },
    Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
    Resource: '*',
    Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
  };
}
