import { TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { NameParts } from '@rampart/core';
import { DataClassKeys } from '@rampart/encryption';
import { applyIdentityBaseline } from '@rampart/identity';
import { AuditTrail, ClassifiedLogGroup, RetentionPolicy, auditTrailName } from '@rampart/logging';
import { AlertTopic, CisBenchmarkAlarms, CpuAlarm } from '@rampart/monitoring';

/** Settings of the example. */
export interface AuditLoggingExampleProps {
  /** @default '123456789012' */
  readonly accountId?: string;
  /** @default 'eu-central-1' */
  readonly region?: string;
  /** @default 'security@example.com' */
  readonly alertEmail?: string;
}

/**
 * One account's audit and alerting baseline: a logs key, a multi-region trail to an Object Lock
 * bucket (GOVERNANCE, not production), the 15 CIS alarms notifying an encrypted alert topic, an
 * application log group with its retention from the policy, and a CPU alarm for an ECS service.
 */
export class AuditLoggingExampleStack extends TerraformStack {
  public readonly trail: AuditTrail;
  public readonly alerts: AlertTopic;

  constructor(scope: Construct, id: string, props: AuditLoggingExampleProps = {}) {
    super(scope, id);
    const accountId = props.accountId ?? '123456789012';
    const region = props.region ?? 'eu-central-1';
    const names: NameParts = { prefix: 'example', environment: 'sandbox' };
    new AwsProvider(this, 'aws', {
      region,
      allowedAccountIds: [accountId],
      defaultTags: [{ tags: { Environment: 'sandbox', Owner: 'example-team', CostCenter: 'examples', Compliance: 'none', DataClassification: 'internal' } }],
    });
    // Every role in the stack gets the account's permission boundary; IAM users fail synth.
    applyIdentityBaseline(this, { names, allowedRegions: [region] });

    const keys = new DataClassKeys(this, 'keys', {
      names,
      purposes: ['logs'],
      adminRoleArn: `arn:aws:iam::${accountId}:role/example-key-admin`,
      accountId,
      region,
      trailName: auditTrailName(names),
    });
    const logsKey = keys.key('logs');

    const retention = new RetentionPolicy({ applicationDays: 90 });
    this.trail = new AuditTrail(this, 'trail', { names, key: logsKey, bucketSuffix: accountId, retention, production: false });
    this.alerts = new AlertTopic(this, 'alerts', { names, key: logsKey, subscriptions: [{ protocol: 'email', endpoint: props.alertEmail ?? 'security@example.com' }] });
    new CisBenchmarkAlarms(this, 'cis', { names, logGroupName: this.trail.logGroup.logGroupName, alarmTarget: this.alerts });

    new ClassifiedLogGroup(this, 'orders-api-logs', { logGroupName: '/example/sandbox/orders-api', logClass: 'application', key: logsKey, retention });
    new CpuAlarm(this, 'orders-api-cpu', {
      names,
      purpose: 'orders-api',
      namespace: 'AWS/ECS',
      dimensions: { ClusterName: 'example-sandbox', ServiceName: 'orders-api' },
      alarmTarget: this.alerts,
    });

    new TerraformOutput(this, 'trail_arn', { value: this.trail.trail.arn });
    new TerraformOutput(this, 'audit_bucket', { value: this.trail.bucketName });
    new TerraformOutput(this, 'alert_topic_arn', { value: this.alerts.topicArn });
  }
}
