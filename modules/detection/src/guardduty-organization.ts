import { GuarddutyDetector } from '@cdktf/provider-aws/lib/guardduty-detector';
import { GuarddutyDetectorFeature } from '@cdktf/provider-aws/lib/guardduty-detector-feature';
import { GuarddutyOrganizationConfiguration } from '@cdktf/provider-aws/lib/guardduty-organization-configuration';
import { GuarddutyOrganizationConfigurationFeature } from '@cdktf/provider-aws/lib/guardduty-organization-configuration-feature';
import { GuarddutyPublishingDestination } from '@cdktf/provider-aws/lib/guardduty-publishing-destination';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { RampartValidationError, assertAllValid, isUnresolved, reportOptOut, validateOneOf } from '@rampart/core';

/**
 * GuardDuty protection plans that apply to what Rampart deploys (S3 buckets, RDS, ECS on
 * Fargate, EBS volumes), by their API names as the pinned provider (hashicorp/aws 5.100.0)
 * accepts them in `aws_guardduty_detector_feature` and `aws_guardduty_organization_configuration_feature`.
 */
export type GuardDutyFeature = 'S3_DATA_EVENTS' | 'RDS_LOGIN_EVENTS' | 'RUNTIME_MONITORING' | 'EBS_MALWARE_PROTECTION';
export const GUARDDUTY_FEATURES: readonly GuardDutyFeature[] = ['S3_DATA_EVENTS', 'RDS_LOGIN_EVENTS', 'RUNTIME_MONITORING', 'EBS_MALWARE_PROTECTION'];

/** Runtime Monitoring's agent management for ECS on Fargate (GuardDuty deploys the agent as a sidecar). */
export const ECS_FARGATE_AGENT_MANAGEMENT = 'ECS_FARGATE_AGENT_MANAGEMENT';

/** How often updated findings are published to EventBridge and the export. */
export type FindingPublishingFrequency = 'FIFTEEN_MINUTES' | 'ONE_HOUR' | 'SIX_HOURS';
export const FINDING_PUBLISHING_FREQUENCIES: readonly FindingPublishingFrequency[] = ['FIFTEEN_MINUTES', 'ONE_HOUR', 'SIX_HOURS'];

/** Where findings are exported: an S3 bucket and the KMS key GuardDuty encrypts them with. */
export interface GuardDutyFindingsExport {
  /** Bucket ARN (`arn:<partition>:s3:::<bucket>`), optionally with a prefix. Its policy must admit guardduty.amazonaws.com. */
  readonly bucketArn: string;
  /** KMS key ARN (not an alias); its policy must admit guardduty.amazonaws.com. */
  readonly keyArn: string;
}

/** Properties of {@link GuardDutyOrganization}. */
export interface GuardDutyOrganizationProps {
  /**
   * Where findings are exported.
   * @default - no export, reported as opt-out `detection.guardduty.no-export`
   */
  readonly findingsExport?: GuardDutyFindingsExport;
  /**
   * Opt-out: protection plans left off, each reported as `detection.guardduty.<feature>-off`.
   * @default []
   */
  readonly disabledFeatures?: readonly GuardDutyFeature[];
  /** @default 'FIFTEEN_MINUTES' */
  readonly findingPublishingFrequency?: FindingPublishingFrequency;
  /**
   * Enable GuardDuty and the features in every member account automatically (`ALL`: existing and
   * new). Opt-out: `NEW` leaves existing members as they are, reported as
   * `detection.guardduty.new-members-only`.
   * @default 'ALL'
   */
  readonly autoEnableMembers?: 'ALL' | 'NEW';
  /** Resources to wait for (the delegated-administrator registration when in the same stack). @default - none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * GuardDuty for the whole organisation, deployed in its delegated administrator (the security
 * account): the administrator's own detector with the protection plans, the organisation
 * configuration that enables GuardDuty and the same plans in every member automatically, and
 * the export of findings to an encrypted bucket.
 *
 * The management account makes this account the administrator
 * ({@link SecurityServiceDelegation}); member accounts create no detector of their own.
 */
export class GuardDutyOrganization extends Construct {
  public readonly detector: GuarddutyDetector;
  public readonly detectorId: string;
  public readonly organizationConfiguration: GuarddutyOrganizationConfiguration;
  /** Features on the administrator's own detector, by name. */
  public readonly detectorFeatures: Readonly<Partial<Record<GuardDutyFeature, GuarddutyDetectorFeature>>>;
  /** Auto-enabled features of the organisation, by name. */
  public readonly organizationFeatures: Readonly<Partial<Record<GuardDutyFeature, GuarddutyOrganizationConfigurationFeature>>>;
  /** The findings export, when configured. */
  public readonly publishingDestination?: GuarddutyPublishingDestination;
  /** The features turned on. */
  public readonly features: readonly GuardDutyFeature[];

  constructor(scope: Construct, id: string, props: GuardDutyOrganizationProps = {}) {
    super(scope, id);
    const disabled = props.disabledFeatures ?? [];
    const frequency = props.findingPublishingFrequency ?? 'FIFTEEN_MINUTES';
    const autoEnable = props.autoEnableMembers ?? 'ALL';
    assertAllValid([
      ...disabled.map((f, i) => validateOneOf(`disabledFeatures[${i}]`, f, GUARDDUTY_FEATURES)),
      validateOneOf('findingPublishingFrequency', frequency, FINDING_PUBLISHING_FREQUENCIES),
      validateOneOf('autoEnableMembers', autoEnable, ['ALL', 'NEW']),
      ...(props.findingsExport ? validateExport(props.findingsExport) : []),
    ]);
    this.features = GUARDDUTY_FEATURES.filter((f) => !disabled.includes(f));
    for (const f of disabled) reportOptOut(this, { id: `detection.guardduty.${f.toLowerCase().replace(/_/g, '-')}-off`, message: `the GuardDuty protection plan ${f} is off in every account` });
    if (autoEnable !== 'ALL') reportOptOut(this, { id: 'detection.guardduty.new-members-only', message: 'GuardDuty is enabled automatically in new member accounts only, not in existing ones' });

    this.detector = new GuarddutyDetector(this, 'detector', { enable: true, findingPublishingFrequency: frequency, dependsOn: props.dependsOn });
    this.detectorId = this.detector.id;
    this.organizationConfiguration = new GuarddutyOrganizationConfiguration(this, 'organization', {
      detectorId: this.detector.id,
      autoEnableOrganizationMembers: autoEnable,
    });
    const own: Partial<Record<GuardDutyFeature, GuarddutyDetectorFeature>> = {};
    const org: Partial<Record<GuardDutyFeature, GuarddutyOrganizationConfigurationFeature>> = {};
    for (const feature of this.features) {
      const slug = feature.toLowerCase().replace(/_/g, '-');
      const runtime = feature === 'RUNTIME_MONITORING';
      own[feature] = new GuarddutyDetectorFeature(this, `feature-${slug}`, {
        detectorId: this.detector.id,
        name: feature,
        status: 'ENABLED',
        additionalConfiguration: runtime ? [{ name: ECS_FARGATE_AGENT_MANAGEMENT, status: 'ENABLED' }] : undefined,
      });
      org[feature] = new GuarddutyOrganizationConfigurationFeature(this, `organization-feature-${slug}`, {
        detectorId: this.detector.id,
        name: feature,
        autoEnable,
        additionalConfiguration: runtime ? [{ name: ECS_FARGATE_AGENT_MANAGEMENT, autoEnable }] : undefined,
        dependsOn: [this.organizationConfiguration],
      });
    }
    this.detectorFeatures = own;
    this.organizationFeatures = org;

    if (props.findingsExport) {
      this.publishingDestination = new GuarddutyPublishingDestination(this, 'findings-export', {
        detectorId: this.detector.id,
        destinationType: 'S3',
        destinationArn: props.findingsExport.bucketArn,
        kmsKeyArn: props.findingsExport.keyArn,
      });
    } else {
      reportOptOut(this, { id: 'detection.guardduty.no-export', message: 'GuardDuty findings are not exported to S3; they are kept by GuardDuty for 90 days only' });
    }
  }
}

function validateExport(e: GuardDutyFindingsExport) {
  const issues = [];
  if (!isUnresolved(e.bucketArn) && !/^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(e.bucketArn)) {
    issues.push({ code: 'ARN_FORMAT', path: 'findingsExport.bucketArn', value: e.bucketArn, rule: 'must be an S3 bucket ARN such as arn:aws:s3:::my-bucket' });
  }
  if (!isUnresolved(e.keyArn) && !/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/.+$/.test(e.keyArn)) {
    issues.push({ code: 'ARN_FORMAT', path: 'findingsExport.keyArn', value: e.keyArn, rule: 'must be a KMS key ARN (GuardDuty does not accept an alias)' });
  }
  return issues;
}

/** Throws when a feature name is not one the construct manages. */
export function assertGuardDutyFeature(path: string, value: string): asserts value is GuardDutyFeature {
  if (!(GUARDDUTY_FEATURES as readonly string[]).includes(value)) {
    throw new RampartValidationError({ code: 'ENUM', path, value, rule: `must be one of ${GUARDDUTY_FEATURES.join(', ')}` });
  }
}
