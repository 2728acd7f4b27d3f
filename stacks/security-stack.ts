import { Construct } from 'constructs';
import { DataClassKeys } from '@rampart/encryption';
import { GuardDutyOrganization, OrganizationAccessAnalyzer, OrganizationConfigAggregator, SECURITY_EVENTS, SecurityContact, SecurityHubOrganization } from '@rampart/detection';
import { AlertTopic } from '@rampart/monitoring';
import { RampartStack, RampartStackProps } from '@rampart/baseline';
import { PlatformTags, SecurityAccountConfig } from '../config/types';
import { AccountDetection, LogArchiveNames, logArchiveKeyArn } from './account-detection';

export interface SecurityStackProps extends Pick<RampartStackProps, 'providerOverrides' | 'suppressions'> {
  readonly prefix: string;
  /** The security account (`security`); `allowedRegions` caps its permission boundary (the app passes the organisation's). */
  readonly security: SecurityAccountConfig & { readonly allowedRegions?: readonly string[] };
  /** The log-archive account's bucket and key names (`logArchiveNames`). */
  readonly archive: LogArchiveNames;
  /** The organisation's allowed regions: Config aggregates them, Security Hub links the others. */
  readonly allowedRegions: readonly string[];
  readonly platform: PlatformTags;
  readonly holdsProductionRecords?: boolean;
  readonly securityContact?: SecurityContact;
  readonly allowedServices?: readonly string[];
  /** Break-glass role pattern (`org.guardrails.breakGlassRolePattern`): capped roles may not change those roles. */
  readonly breakGlassRolePattern?: string;
}

/**
 * The security (audit) account, delegated administrator of the organisation's detective
 * services: GuardDuty with its protection plans for every member and findings exported to the
 * log-archive account, Security Hub with FSBP and CIS and a cross-region aggregator, the AWS
 * Config organisation aggregator and the IAM Access Analyzer organisation analyzer. The org
 * stack registers this account as administrator (SecurityServiceDelegation) and is deployed first.
 */
export class SecurityStack extends RampartStack {
  public readonly keys: DataClassKeys;
  public readonly guardDuty: GuardDutyOrganization;
  public readonly securityHub: SecurityHubOrganization;
  public readonly configAggregator: OrganizationConfigAggregator;
  public readonly accessAnalyzer: OrganizationAccessAnalyzer;
  public readonly alertTopic: AlertTopic;
  public readonly detection: AccountDetection;

  constructor(scope: Construct, id: string, props: SecurityStackProps) {
    super(scope, id, {
      prefix: props.prefix,
      target: props.security,
      allowedServices: props.allowedServices,
      unboundedRoleArns: [...(props.security.keyAdminRoleArn ? [props.security.keyAdminRoleArn] : []), ...(props.breakGlassRolePattern ? [props.breakGlassRolePattern] : [])],
      tags: { environment: 'security', ...props.platform, dataClassification: 'internal' },
      production: props.holdsProductionRecords ?? true,
      providerOverrides: props.providerOverrides,
      suppressions: props.suppressions,
    });
    const partition = this.context.partition;
    this.keys = new DataClassKeys(this, 'keys', {
      names: this.names,
      purposes: ['logs'],
      logServices: [],
      adminRoleArn: props.security.keyAdminRoleArn ?? props.security.deployRoleArn,
      accountId: this.context.accountId,
      region: this.context.region,
      partition,
    });
    const archiveKeyArn = logArchiveKeyArn(this, props.archive);
    this.guardDuty = new GuardDutyOrganization(this, 'guardduty', {
      findingsExport: { bucketArn: `arn:${partition}:s3:::${props.archive.deliveryBucketName}`, keyArn: archiveKeyArn },
    });
    this.securityHub = new SecurityHubOrganization(this, 'security-hub', {
      linkedRegions: props.allowedRegions.filter((r) => r !== props.security.region),
    });
    this.configAggregator = new OrganizationConfigAggregator(this, 'config-aggregator', { names: this.names, regions: props.allowedRegions });
    this.accessAnalyzer = new OrganizationAccessAnalyzer(this, 'access-analyzer', { names: this.names });

    this.alertTopic = new AlertTopic(this, 'alerts', { names: this.names, key: this.keys.key('logs'), subscriptions: props.security.monitoring.alertSubscriptions });
    // The administrator receives every member's GuardDuty and Security Hub findings: all events.
    this.detection = new AccountDetection(this, 'detection', {
      names: this.names,
      alertTopic: this.alertTopic,
      events: SECURITY_EVENTS,
      securityContact: props.securityContact,
      configDelivery: { bucketName: props.archive.deliveryBucketName, keyArn: archiveKeyArn },
    });
  }
}
