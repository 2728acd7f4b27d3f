import { DataAwsOrganizationsOrganization } from '@cdktf/provider-aws/lib/data-aws-organizations-organization';
import { Construct } from 'constructs';
import { PolicyStatement } from '@rampart/core';
import { DataClassKeys } from '@rampart/encryption';
import { SecurityContact, configDeliveryKeyStatement, describeKeyStatement, guardDutyExportKeyStatement, organizationTrailKeyStatements, OrganizationDeliveryBucket } from '@rampart/detection';
import { AccessLogBucket, AuditLogBucket, RetentionPolicy, auditTrailName } from '@rampart/logging';
import { AlertTopic } from '@rampart/monitoring';
import { RampartStack, RampartStackProps } from '@rampart/baseline';
import { AuditLoggingConfig, PlatformTags, SecurityAccountConfig } from '../config/types';
import { AccountDetection, LogArchiveNames, logArchiveNames } from './account-detection';

export interface LogArchiveStackProps extends Pick<RampartStackProps, 'providerOverrides' | 'suppressions'> {
  readonly prefix: string;
  /** The log-archive account (`logArchive`); `allowedRegions` caps its permission boundary (the app passes the organisation's). */
  readonly logArchive: SecurityAccountConfig & { readonly allowedRegions?: readonly string[] };
  /** The management account: the organisation trail's account and region. */
  readonly management: { readonly accountId: string; readonly region: string };
  /** The security account: the only account whose GuardDuty may export findings here. */
  readonly securityAccountId: string;
  /** Every account of the app: each may look the log-archive key up by alias (DescribeKey only). */
  readonly memberAccountIds: readonly string[];
  readonly platform: PlatformTags;
  /** The organisation trail's Object Lock settings (`org.logging`). */
  readonly logging?: AuditLoggingConfig;
  /** Records belong to production accounts: COMPLIANCE lock by default, production rules. @default true */
  readonly holdsProductionRecords?: boolean;
  readonly securityContact?: SecurityContact;
  /** Service prefixes the permission boundary allows. */
  readonly allowedServices?: readonly string[];
  /** Break-glass role pattern (`org.guardrails.breakGlassRolePattern`): capped roles may not change those roles. */
  readonly breakGlassRolePattern?: string;
}

/**
 * The log-archive account: the organisation trail's Object Lock bucket and its access-log
 * bucket, and the bucket AWS Config of every account and the GuardDuty export deliver to, all
 * under this account's logs key. No workload or management principal can delete the records:
 * they live outside the accounts that produce them.
 */
export class LogArchiveStack extends RampartStack {
  /** The bucket and key names other stacks deliver to (by naming convention). */
  public readonly archive: LogArchiveNames;
  public readonly keys: DataClassKeys;
  public readonly accessLogBucket: AccessLogBucket;
  /** The organisation trail's Object Lock bucket. */
  public readonly trailBucket: AuditLogBucket;
  /** Config and GuardDuty deliveries. */
  public readonly deliveryBucket: OrganizationDeliveryBucket;
  /** ARN of the organisation trail (in the management account) the trail bucket admits. */
  public readonly organizationTrailArn: string;
  public readonly alertTopic: AlertTopic;
  public readonly detection: AccountDetection;

  constructor(scope: Construct, id: string, props: LogArchiveStackProps) {
    super(scope, id, {
      prefix: props.prefix,
      target: props.logArchive,
      allowedServices: props.allowedServices,
      unboundedRoleArns: [...(props.logArchive.keyAdminRoleArn ? [props.logArchive.keyAdminRoleArn] : []), ...(props.breakGlassRolePattern ? [props.breakGlassRolePattern] : [])],
      tags: { environment: 'log-archive', ...props.platform, dataClassification: 'internal' },
      production: props.holdsProductionRecords ?? true,
      providerOverrides: props.providerOverrides,
      suppressions: props.suppressions,
    });
    const partition = this.context.partition;
    this.archive = logArchiveNames(props.prefix, props.logArchive, partition);
    const trailName = auditTrailName({ prefix: props.prefix, environment: 'org' });
    this.organizationTrailArn = `arn:${partition}:cloudtrail:${props.management.region}:${props.management.accountId}:trail/${trailName}`;
    const organization = new DataAwsOrganizationsOrganization(this, 'organization');

    this.keys = new DataClassKeys(this, 'keys', {
      names: this.names,
      purposes: ['logs'],
      // Only the statements below admit services: this account runs no trail and no log group.
      logServices: [],
      adminRoleArn: props.logArchive.keyAdminRoleArn ?? props.logArchive.deployRoleArn,
      accountId: this.context.accountId,
      region: this.context.region,
      partition,
    });
    const key = this.keys.key('logs');
    const statements = [
      ...organizationTrailKeyStatements(partition, this.organizationTrailArn, props.management.accountId),
      configDeliveryKeyStatement(organization.id),
      guardDutyExportKeyStatement(props.securityAccountId),
      describeKeyStatement(partition, props.memberAccountIds),
    ];
    for (const s of statements) key.addToResourcePolicy(s as unknown as PolicyStatement);

    const retention = RetentionPolicy.DEFAULT;
    const production = this.production;
    const objectLockMode = props.logging?.objectLockMode ?? (production ? 'COMPLIANCE' : 'GOVERNANCE');
    const objectLockDays = props.logging?.objectLockDays ?? retention.cloudTrailLifecycle.expireAfterDays;
    this.accessLogBucket = new AccessLogBucket(this, 'access-logs', {
      bucketName: this.archive.accessLogBucketName,
      key,
      retention,
      sourceBucketArns: [this.archive.trailBucketName, this.archive.deliveryBucketName].map((b) => `arn:${partition}:s3:::${b}`),
    });
    this.trailBucket = new AuditLogBucket(this, 'trail-bucket', {
      bucketName: this.archive.trailBucketName,
      key,
      trailArn: this.organizationTrailArn,
      accessLogBucket: this.accessLogBucket,
      objectLockMode,
      objectLockDays,
      retention,
    });
    this.deliveryBucket = new OrganizationDeliveryBucket(this, 'delivery-bucket', {
      bucketName: this.archive.deliveryBucketName,
      key,
      accessLogBucket: this.accessLogBucket,
      configOrganizationId: organization.id,
      guardDutyAccountIds: [props.securityAccountId],
    });

    this.alertTopic = new AlertTopic(this, 'alerts', { names: this.names, key, subscriptions: props.logArchive.monitoring.alertSubscriptions });
    this.detection = new AccountDetection(this, 'detection', {
      names: this.names,
      alertTopic: this.alertTopic,
      securityContact: props.securityContact,
      configDelivery: { bucketName: this.deliveryBucket.bucketName, keyArn: key.keyArn },
    });
  }
}
