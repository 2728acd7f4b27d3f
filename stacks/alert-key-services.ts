import { DataClassKey } from '@rampart/encryption';

/*
 * Services the logging and monitoring modules rely on that the encryption module's logs key does
 * not admit by default. Each statement acts only on behalf of this account.
 */

/** S3 server access logging writes to the audit trail's SSE-KMS access-log bucket. */
export function admitS3AccessLogging(logsKey: DataClassKey): void {
  logsKey.addToKeyPolicy({
    Sid: 'S3ServerAccessLoggingUse',
    Effect: 'Allow',
    Principal: { Service: 'logging.s3.amazonaws.com' },
    Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
    Resource: '*',
    Condition: { StringEquals: { 'aws:SourceAccount': logsKey.context.accountId } },
  });
}

/** CloudWatch alarms publish to the alert topic, which is encrypted with the logs key. */
export function admitAlarmPublishing(logsKey: DataClassKey): void {
  logsKey.addToKeyPolicy({
    Sid: 'CloudWatchAlarmsPublishEncrypted',
    Effect: 'Allow',
    Principal: { Service: 'cloudwatch.amazonaws.com' },
    Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
    Resource: '*',
    Condition: { StringEquals: { 'aws:SourceAccount': logsKey.context.accountId } },
  });
}
