import { OrganizationsOrganization } from '@cdktf/provider-aws/lib/organizations-organization';
import { Construct } from 'constructs';
import { ScpCatalogue } from '@rampart/guardrails';
import { DataClassKeys } from '@rampart/encryption';
import { AuditTrail, RetentionPolicy, auditTrailName } from '@rampart/logging';
import { AlertTopic, CisBenchmarkAlarms } from '@rampart/monitoring';
import { RampartStack, RampartStackProps } from '@rampart/baseline';
import { reportOptOut } from '@rampart/core';
import { SecurityhubStandardsSubscription } from '@cdktf/provider-aws/lib/securityhub-standards-subscription';
import { SECURITY_HUB_STANDARDS, SECURITY_HUB_STANDARD_PATHS, SECURITY_SERVICE_PRINCIPALS, SecurityContact, SecurityServiceDelegation } from '@rampart/detection';
import { OrgConfig, PlatformTags } from '../config/types';
import { AccountDetection, AccountDetectionOptOut, LogArchiveNames, logArchiveKeyArn, reportDetectionOff } from './account-detection';

export interface OrgStackProps extends Pick<RampartStackProps, 'providerOverrides' | 'suppressions'> {
  readonly prefix: string;
  readonly org: OrgConfig;
  readonly platform: PlatformTags;
  /**
   * Whether the organisation trail records production accounts: picks the default Object Lock
   * mode (COMPLIANCE when true), and the policy pack's production rules run on the stack.
   * @default true
   */
  readonly holdsProductionRecords?: boolean;
  /**
   * Create the organisation trail with logging on. Turning it off (`enable_logging = false`) is an
   * opt-out, reported as `logging.audit-trail.logging-disabled`; only a target whose CloudTrail
   * cannot start logging needs it.
   * @default true
   */
  readonly enableTrailLogging?: boolean;
  /** Service prefixes the permission boundary allows (`permissionBoundary.allowedServices`). @default DEFAULT_BOUNDARY_SERVICES */
  readonly allowedServices?: readonly string[];
  /**
   * The organisation's log-archive and security accounts. With them the trail delivers to the
   * log-archive account's Object Lock bucket (by name, `logArchiveNames`) under that account's key,
   * AWS Config delivers there too, and the security account becomes delegated administrator of
   * GuardDuty, Security Hub, Config and Access Analyzer.
   * @default - none: the trail's buckets stay in this account; requires `accountsOptOutReason`
   */
  readonly accounts?: { readonly archive: LogArchiveNames; readonly securityAccountId: string };
  /** Why the organisation has no log-archive and security accounts (`accounts.reason`); reported as opt-out `accounts.no-log-archive-and-security`. */
  readonly accountsOptOutReason?: string;
  /** The SECURITY alternate contact of the management account (`securityContact`). */
  readonly securityContact?: SecurityContact;
  /**
   * Leave out the account's detection baseline, reported as `stacks.account-detection-off`.
   * @default - the baseline is created
   */
  readonly withoutAccountDetection?: AccountDetectionOptOut;
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
  /** The security account as delegated administrator, when the organisation has one. */
  public readonly delegation?: SecurityServiceDelegation;
  /** Hardening, Config recorder (with a log-archive account) and security event rules of the management account. */
  public readonly detection?: AccountDetection;

  constructor(scope: Construct, id: string, props: OrgStackProps) {
    super(scope, id, {
      prefix: props.prefix,
      target: props.org,
      allowedServices: props.allowedServices,
      unboundedRoleArns: [...(props.org.keyAdminRoleArn ? [props.org.keyAdminRoleArn] : []), props.org.guardrails.breakGlassRolePattern],
      tags: { environment: 'org', ...props.platform, dataClassification: 'internal' },
      production: props.holdsProductionRecords ?? true,
      providerOverrides: props.providerOverrides,
      suppressions: props.suppressions,
    });
    this.org = props.org;
    if (props.org.manageOrganization) {
      this.organization = new OrganizationsOrganization(this, 'organization', {
        featureSet: 'ALL',
        enabledPolicyTypes: ['SERVICE_CONTROL_POLICY'],
        awsServiceAccessPrincipals: [...ORGANIZATION_SERVICE_PRINCIPALS, ...(props.accounts ? SECURITY_SERVICE_PRINCIPALS : [])],
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
      // With a log-archive account the trail encrypts with that account's key: this key admits no trail.
      logServices: props.accounts ? ['cloudwatch-logs', 'log-delivery'] : undefined,
      adminRoleArn: props.org.keyAdminRoleArn ?? props.org.deployRoleArn,
      accountId: this.context.accountId,
      region: this.context.region,
      partition: this.context.partition,
    });
    // The trail, its buckets and log group, and the alert topic are encrypted with the logs key;
    // each adds the key-policy statement its service needs.
    const logsKey = this.keys.key('logs');

    const archiveKeyArn = props.accounts ? logArchiveKeyArn(this, props.accounts.archive) : undefined;
    if (!props.accounts) {
      reportOptOut(this, {
        id: 'accounts.no-log-archive-and-security',
        message: `no log-archive and security accounts: the trail's buckets stay in the management account, no AWS Config recorder and no delegated administrator (${props.accountsOptOutReason ?? 'no reason given'})`,
      });
    }
    this.retention = RetentionPolicy.DEFAULT;
    const logging = props.org.logging ?? {};
    this.auditTrail = new AuditTrail(this, 'audit-trail', {
      names: this.names,
      key: logsKey,
      bucketSuffix: this.context.accountId,
      retention: this.retention,
      organizationTrail: true,
      production: this.production,
      objectLockMode: logging.objectLockMode,
      objectLockDays: logging.objectLockDays,
      s3DataEvents: logging.s3DataEvents,
      enableLogging: props.enableTrailLogging ?? true,
      externalBucket: props.accounts ? { bucketName: props.accounts.archive.trailBucketName, keyArn: archiveKeyArn! } : undefined,
      // An organisation trail needs the organisation, with CloudTrail trusted access, first.
      dependsOn: this.organization ? [this.organization] : undefined,
    });
    this.alertTopic = new AlertTopic(this, 'alerts', { names: this.names, key: logsKey, subscriptions: props.org.monitoring?.alertSubscriptions });
    this.cisAlarms = new CisBenchmarkAlarms(this, 'cis-alarms', {
      names: this.names,
      logGroupName: this.auditTrail.logGroup.logGroupName,
      alarmTarget: this.alertTopic,
    });
    if (props.accounts) {
      this.delegation = new SecurityServiceDelegation(this, 'security-delegation', {
        adminAccountId: props.accounts.securityAccountId,
        dependsOn: this.organization ? [this.organization] : undefined,
      });
      // The delegation turns Security Hub on in the management account too; it subscribes the same standards.
      for (const standard of SECURITY_HUB_STANDARDS) {
        new SecurityhubStandardsSubscription(this, `security-hub-standard-${standard}`, {
          standardsArn: `arn:${this.context.partition}:securityhub:${this.context.region}::${SECURITY_HUB_STANDARD_PATHS[standard]}`,
          dependsOn: [this.delegation.securityHubAccount],
        });
      }
    }
    if (reportDetectionOff(this, props.withoutAccountDetection)) return;
    this.detection = new AccountDetection(this, 'detection', {
      names: this.names,
      alertTopic: this.alertTopic,
      securityContact: props.securityContact,
      configDelivery: props.accounts ? { bucketName: props.accounts.archive.deliveryBucketName, keyArn: archiveKeyArn! } : undefined,
    });
  }
}
