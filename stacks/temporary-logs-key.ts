import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';
import { IKmsKey, NameParts, kmsAliasName } from '@rampart/core';

/**
 * TEMPORARY: a stand-in for the logs key of the encryption module, which replaces this
 * function (the stacks then pass that module's logs key instead). Rotation on; the policy
 * gives the account administration and admits the services that write logs with it:
 * CloudTrail (encryption context of this account's trails), CloudWatch Logs (log groups of
 * this account and region), S3 server access logging and CloudWatch alarms publishing to the
 * encrypted alert topic (both from this account only).
 */
export function temporaryLogsKey(scope: Construct, names: NameParts, region: string): IKmsKey {
  const partition = new DataAwsPartition(scope, 'temporary-logs-key-partition');
  const account = new DataAwsCallerIdentity(scope, 'temporary-logs-key-account');
  const arn = (service: string, rest: string): string => `arn:${partition.partition}:${service}:${rest}`;
  const key = new KmsKey(scope, 'temporary-logs-key', {
    description: `${names.prefix}-${names.environment} logs key (temporary, replaced by the encryption module)`,
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AccountAdministersKey',
          Effect: 'Allow',
          Principal: { AWS: arn('iam', `:${account.accountId}:root`) },
          Action: 'kms:*',
          Resource: '*',
        },
        {
          Sid: 'CloudTrailEncryptsLogs',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 'kms:GenerateDataKey*',
          Resource: '*',
          Condition: { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': arn('cloudtrail', `*:${account.accountId}:trail/*`) } },
        },
        {
          Sid: 'CloudTrailDescribesKey',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 'kms:DescribeKey',
          Resource: '*',
        },
        {
          Sid: 'CloudWatchLogsEncryptsLogGroups',
          Effect: 'Allow',
          Principal: { Service: `logs.${region}.amazonaws.com` },
          Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
          Resource: '*',
          Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': arn('logs', `${region}:${account.accountId}:log-group:*`) } },
        },
        {
          Sid: 'S3AccessLoggingAndAlarmsUseKey',
          Effect: 'Allow',
          Principal: { Service: ['logging.s3.amazonaws.com', 'cloudwatch.amazonaws.com'] },
          Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          Resource: '*',
          Condition: { StringEquals: { 'aws:SourceAccount': account.accountId } },
        },
      ],
    }),
  });
  new KmsAlias(scope, 'temporary-logs-key-alias', { name: kmsAliasName(names, 'logs-temporary'), targetKeyId: key.keyId });
  return { keyArn: key.arn, keyId: key.keyId, purpose: 'logs' };
}
