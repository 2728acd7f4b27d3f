import type { KeyPurpose } from '../contracts';
import { StackContext } from '../stack-context';
import { PolicyConditions, PolicyStatement } from './policy-document';

/**
 * AWS services that use a customer-managed key on behalf of a resource encrypted with it. The
 * resource adds the service's key-policy statements when it is given the key
 * (`key.grantServiceUse(...)`), so delivery works without a hand-written key policy.
 *
 * - `cloudwatch-logs`: a log group encrypted with the key (`logs.<region>.amazonaws.com`,
 *   scoped by `kms:EncryptionContext:aws:logs:arn` to the account's log groups).
 * - `cloudtrail`: a trail encrypted with the key (`aws:SourceArn` of the trail, or any trail of the account).
 * - `log-delivery`: vended logs (VPC flow logs to S3, ...) through `delivery.logs.amazonaws.com`.
 * - `cloudwatch-alarms`: alarms publishing to an encrypted SNS topic (`cloudwatch.amazonaws.com`).
 * - `eventbridge`: EventBridge rules publishing to an encrypted SNS topic (`events.amazonaws.com`).
 * - `s3-server-access-logs`: S3 server access logging into an SSE-KMS bucket (`logging.s3.amazonaws.com`).
 */
export type KeyService = 'cloudwatch-logs' | 'cloudtrail' | 'log-delivery' | 'cloudwatch-alarms' | 'eventbridge' | 's3-server-access-logs';

/** Every key service. */
export const KEY_SERVICES: readonly KeyService[] = ['cloudwatch-logs', 'cloudtrail', 'log-delivery', 'cloudwatch-alarms', 'eventbridge', 's3-server-access-logs'];

/** How a service's use of a key is scoped. */
export interface KeyServiceUseOptions {
  /**
   * `cloudtrail` only: the name of the one trail allowed to use the key (`aws:SourceArn` equal to
   * that trail's ARN in the key's account and region).
   * @default - any trail of the key's account and region
   */
  readonly trailName?: string;
}

/** Actions a service needs to encrypt for, and read back from, a resource it publishes or writes to. */
const PUBLISH_ACTIONS = ['kms:GenerateDataKey*', 'kms:Decrypt'];

/**
 * `kms:GenerateDataKey*` and `kms:Decrypt` for a service principal, only when it acts for
 * `accountId` (`aws:SourceAccount`): what a service needs to write into, or publish to, a
 * resource encrypted with the key.
 */
export function serviceKeyUseStatement(sid: string, servicePrincipal: string, accountId: string): PolicyStatement {
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: { Service: servicePrincipal },
    Action: [...PUBLISH_ACTIONS],
    Resource: '*',
    Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
  };
}

/**
 * The key-policy statements one service needs to use a key of the account and region in `ctx`,
 * scoped by source account or source ARN. Sids are stable per service, so adding the same use
 * twice is a no-op and two trails widen one statement.
 */
export function keyServiceStatements(service: KeyService, ctx: StackContext, options: KeyServiceUseOptions = {}): PolicyStatement[] {
  switch (service) {
    case 'cloudwatch-logs':
      return [
        {
          Sid: 'CloudWatchLogsUse',
          Effect: 'Allow',
          Principal: { Service: `logs.${ctx.region}.amazonaws.com` },
          Action: ['kms:Decrypt*', 'kms:Describe*', 'kms:Encrypt*', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
          Resource: '*',
          Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:*` } },
        },
      ];
    case 'cloudtrail': {
      const trailContext = `arn:${ctx.partition}:cloudtrail:*:${ctx.accountId}:trail/*`;
      const source: PolicyConditions = options.trailName
        ? { StringEquals: { 'aws:SourceArn': `arn:${ctx.partition}:cloudtrail:${ctx.region}:${ctx.accountId}:trail/${options.trailName}` } }
        : { ArnLike: { 'aws:SourceArn': `arn:${ctx.partition}:cloudtrail:${ctx.region}:${ctx.accountId}:trail/*` } };
      return [
        {
          Sid: 'CloudTrailEncryptLogs',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 'kms:GenerateDataKey*',
          Resource: '*',
          Condition: { ...source, StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': trailContext } },
        },
        { Sid: 'CloudTrailDescribeKey', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'kms:DescribeKey', Resource: '*', Condition: source },
      ];
    }
    case 'log-delivery':
      return [
        {
          Sid: 'LogDeliveryUse',
          Effect: 'Allow',
          Principal: { Service: 'delivery.logs.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
          Resource: '*',
          Condition: {
            StringEquals: { 'aws:SourceAccount': ctx.accountId },
            ArnLike: { 'aws:SourceArn': `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:*` },
          },
        },
      ];
    case 'cloudwatch-alarms':
      return [serviceKeyUseStatement('CloudWatchAlarmsPublishEncrypted', 'cloudwatch.amazonaws.com', ctx.accountId)];
    case 'eventbridge':
      return [serviceKeyUseStatement('EventBridgeRulesPublishEncrypted', 'events.amazonaws.com', ctx.accountId)];
    case 's3-server-access-logs':
      return [serviceKeyUseStatement('S3ServerAccessLoggingUse', 'logging.s3.amazonaws.com', ctx.accountId)];
  }
}

/** An {@link IKmsKey}-shaped reference whose key policy is managed elsewhere, with the statements asked of it. */
export interface KmsKeyReference {
  readonly keyArn: string;
  readonly keyId: string;
  readonly purpose: KeyPurpose;
  /** Services asked for with `grantServiceUse`, in order (the key policy must admit them where it is managed). */
  readonly requestedServices: KeyService[];
  /** Statements asked for with `addToResourcePolicy`. */
  readonly requestedStatements: PolicyStatement[];
  grantServiceUse(service: KeyService, options?: KeyServiceUseOptions): { statementAdded: boolean };
  addToResourcePolicy(statement: PolicyStatement): { statementAdded: boolean };
}

/**
 * Wraps a key whose policy this code does not manage (a raw `aws_kms_key` with its own policy,
 * or a key of another stack) as an IKmsKey. Nothing is added to its policy
 * (`statementAdded: false`); what was asked is kept in `requestedServices` / `requestedStatements`.
 * Prefer the encryption module's `importKey`, which also warns.
 */
export function kmsKeyReference(key: { keyArn: string; keyId: string; purpose: KeyPurpose }): KmsKeyReference {
  const requestedServices: KeyService[] = [];
  const requestedStatements: PolicyStatement[] = [];
  return {
    ...key,
    requestedServices,
    requestedStatements,
    grantServiceUse(service: KeyService) {
      if (!requestedServices.includes(service)) requestedServices.push(service);
      return { statementAdded: false };
    },
    addToResourcePolicy(statement: PolicyStatement) {
      requestedStatements.push(statement);
      return { statementAdded: false };
    },
  };
}
