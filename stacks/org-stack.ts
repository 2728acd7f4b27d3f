import { Construct } from 'constructs';
import { IKmsKey } from '@rampart/core';
import { AuditTrail, RetentionPolicy } from '@rampart/logging';
import { AlertTopic, CisBenchmarkAlarms } from '@rampart/monitoring';
import { Deployment, OrgConfig, PlatformTags } from '../src/config/types';
import { RampartStack } from './rampart-stack';
import { temporaryLogsKey } from './temporary-logs-key';

export interface OrgStackProps {
  readonly prefix: string;
  readonly deployment?: Deployment;
  readonly org: OrgConfig;
  readonly platform: PlatformTags;
  /**
   * Whether the organisation trail records production accounts; picks the default Object Lock
   * mode (COMPLIANCE when true). @default true
   */
  readonly holdsProductionRecords?: boolean;
}

/** The organisation management account: guardrails (SCPs) and the organisation-wide trail. */
export class OrgStack extends RampartStack {
  public readonly org: OrgConfig;
  /** The key of the organisation's audit logs. */
  public readonly logsKey: IKmsKey;
  /** Retention table of this account's logs. */
  public readonly retention: RetentionPolicy;
  /** The organisation-wide CloudTrail trail, its buckets and log group. */
  public readonly auditTrail: AuditTrail;
  /** The management account's alert topic; the CIS alarms notify it. */
  public readonly alertTopic: AlertTopic;
  public readonly cisAlarms: CisBenchmarkAlarms;

  constructor(scope: Construct, id: string, props: OrgStackProps) {
    super(scope, id, {
      prefix: props.prefix,
      deployment: props.deployment,
      target: props.org,
      tags: { environment: 'org', ...props.platform, dataClassification: 'internal' },
    });
    this.org = props.org;
    this.retention = RetentionPolicy.DEFAULT;
    this.logsKey = temporaryLogsKey(this, this.names, props.org.region);
    const logging = props.org.logging ?? {};
    this.auditTrail = new AuditTrail(this, 'audit-trail', {
      names: this.names,
      key: this.logsKey,
      bucketSuffix: props.org.accountId,
      retention: this.retention,
      organizationTrail: true,
      production: props.holdsProductionRecords ?? true,
      objectLockMode: logging.objectLockMode,
      objectLockDays: logging.objectLockDays,
      s3DataEvents: logging.s3DataEvents,
      // The local emulator's StartLogging fails; the trail is created stopped there only.
      enableLogging: this.deployment.kind !== 'local',
    });
    this.alertTopic = new AlertTopic(this, 'alerts', { names: this.names, key: this.logsKey, subscriptions: props.org.monitoring?.alertSubscriptions });
    this.cisAlarms = new CisBenchmarkAlarms(this, 'cis-alarms', {
      names: this.names,
      logGroupName: this.auditTrail.logGroup.logGroupName,
      alarmTarget: this.alertTopic,
    });
  }
}
