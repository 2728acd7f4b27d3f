import { OrganizationsOrganization } from '@cdktf/provider-aws/lib/organizations-organization';
import { Construct } from 'constructs';
import { ScpCatalogue } from '@rampart/guardrails';
import { DataClassKeys } from '@rampart/encryption';
import { AuditTrail, RetentionPolicy, auditTrailName, s3AccessLogDeliveryKeyStatement } from '@rampart/logging';
import { AlertTopic, CisBenchmarkAlarms, alarmPublishKeyStatement } from '@rampart/monitoring';
import { Deployment, OrgConfig, PlatformTags } from '../src/config/types';
import { RampartStack } from './rampart-stack';

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
  /** Service prefixes the permission boundary allows (`permissionBoundary.allowedServices`). @default DEFAULT_BOUNDARY_SERVICES */
  readonly allowedServices?: readonly string[];
}

/** Service principals the managed organisation trusts: the organisation trail and IAM Identity Center. */
export const ORGANIZATION_SERVICE_PRINCIPALS: readonly string[] = ['cloudtrail.amazonaws.com', 'sso.amazonaws.com'];

/** The organisation management account: guardrails (SCPs) and the organisation-wide trail. */
export class OrgStack extends RampartStack {
  public readonly org: OrgConfig;
  /** The organisation, when `org.manageOrganization` is set. */
  public readonly organization?: OrganizationsOrganization;
  /** The SCP catalogue. */
  public readonly scps: ScpCatalogue;
  /** The management account's keys: only `logs` (for the organisation trail and its log groups). */
  public readonly keys: DataClassKeys;
  /**
   * Name of the organisation trail (`auditTrailName(names)`: `<prefix>-org-audit-trail`). The logs key admits
   * CloudTrail only for this trail, so the trail must be created with exactly this name.
   */
  public readonly trailName: string;
  /** Retention table of this account's logs. */
  public readonly retention: RetentionPolicy;
  /** The organisation-wide CloudTrail trail, its buckets and log group. */
  public readonly auditTrail: AuditTrail;
  /** The management account's alert topic; the CIS alarms notify it. */
  public readonly alertTopic: AlertTopic;
  /** The 15 CIS AWS Foundations section-4 metric filters and alarms on the trail's log group. */
  public readonly cisAlarms: CisBenchmarkAlarms;

  constructor(scope: Construct, id: string, props: OrgStackProps) {
    super(scope, id, {
      prefix: props.prefix,
      deployment: props.deployment,
      target: props.org,
      allowedRegions: props.org.allowedRegions,
      allowedServices: props.allowedServices,
      unboundedRoleArns: [...(props.org.keyAdminRoleArn ? [props.org.keyAdminRoleArn] : []), props.org.guardrails.breakGlassRolePattern],
      tags: { environment: 'org', ...props.platform, dataClassification: 'internal' },
    });
    this.org = props.org;
    if (props.org.manageOrganization) {
      this.organization = new OrganizationsOrganization(this, 'organization', {
        featureSet: 'ALL',
        enabledPolicyTypes: ['SERVICE_CONTROL_POLICY'],
        awsServiceAccessPrincipals: [...ORGANIZATION_SERVICE_PRINCIPALS],
      });
    }
    const guardrails = props.org.guardrails;
    this.scps = new ScpCatalogue(this, 'scps', {
      names: this.names,
      allowedRegions: props.org.allowedRegions,
      breakGlassRolePattern: guardrails.breakGlassRolePattern,
      mfaProtectedActions: guardrails.mfaProtectedActions,
      targetIds: guardrails.targetIds,
      rootId: this.organization?.roots.get(0).id,
      dependsOn: this.organization ? [this.organization] : undefined,
    });
    this.trailName = auditTrailName(this.names);
    this.keys = new DataClassKeys(this, 'keys', {
      names: this.names,
      purposes: ['logs'],
      trailName: this.trailName,
      adminRoleArn: props.org.keyAdminRoleArn ?? props.org.deployRoleArn,
      accountId: props.org.accountId,
      region: props.org.region,
      partition: props.org.deployRoleArn.split(':')[1],
    });
    const logsKey = this.keys.key('logs');
    // The trail's access-log bucket and the alert topic are encrypted with the logs key too.
    logsKey.addToKeyPolicy(s3AccessLogDeliveryKeyStatement(logsKey.context.accountId));
    logsKey.addToKeyPolicy(alarmPublishKeyStatement(logsKey.context.accountId));

    this.retention = RetentionPolicy.DEFAULT;
    const logging = props.org.logging ?? {};
    this.auditTrail = new AuditTrail(this, 'audit-trail', {
      names: this.names,
      key: logsKey,
      bucketSuffix: props.org.accountId,
      retention: this.retention,
      organizationTrail: true,
      production: props.holdsProductionRecords ?? true,
      objectLockMode: logging.objectLockMode,
      objectLockDays: logging.objectLockDays,
      s3DataEvents: logging.s3DataEvents,
      // The local emulator's StartLogging fails; the trail is created stopped there only.
      enableLogging: this.deployment.kind !== 'local',
      // An organisation trail needs the organisation, with CloudTrail trusted access, first.
      dependsOn: this.organization ? [this.organization] : undefined,
    });
    this.alertTopic = new AlertTopic(this, 'alerts', { names: this.names, key: logsKey, subscriptions: props.org.monitoring?.alertSubscriptions });
    this.cisAlarms = new CisBenchmarkAlarms(this, 'cis-alarms', {
      names: this.names,
      logGroupName: this.auditTrail.logGroup.logGroupName,
      alarmTarget: this.alertTopic,
    });
  }
}
