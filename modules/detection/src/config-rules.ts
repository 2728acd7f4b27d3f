import { ConfigConfigRule } from '@cdktf/provider-aws/lib/config-config-rule';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { NameParts, RampartValidationError, reportOptOut, resourceName } from '@rampart/core';

/** One AWS Config managed rule Rampart deploys. */
export interface ManagedRuleSpec {
  /** Short id, also the rule name's suffix. */
  readonly id: string;
  /** AWS managed rule identifier. */
  readonly identifier: string;
  /** What the rule checks. */
  readonly description: string;
  /** Input parameters, when the rule needs some. */
  readonly inputParameters?: Record<string, string>;
}

/**
 * The managed rules that check, after deploy, the controls Rampart claims before it: encrypted
 * volumes, S3 public access (account and bucket level), root MFA, CloudTrail enabled, restricted
 * SSH and RDP, RDS encryption, EBS default encryption and IMDSv2.
 */
export const RAMPART_CONFIG_RULES: readonly ManagedRuleSpec[] = [
  { id: 'encrypted-volumes', identifier: 'ENCRYPTED_VOLUMES', description: 'Attached EBS volumes are encrypted' },
  { id: 's3-account-public-access', identifier: 'S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC', description: 'The S3 account-level public access block is on' },
  { id: 's3-bucket-public-access', identifier: 'S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED', description: 'Every S3 bucket blocks public access' },
  { id: 'root-mfa', identifier: 'ROOT_ACCOUNT_MFA_ENABLED', description: 'The root user has MFA' },
  { id: 'cloudtrail-enabled', identifier: 'CLOUD_TRAIL_ENABLED', description: 'A CloudTrail trail records the account' },
  { id: 'restricted-ssh', identifier: 'INCOMING_SSH_DISABLED', description: 'No security group admits 0.0.0.0/0 to port 22' },
  { id: 'restricted-rdp', identifier: 'RESTRICTED_INCOMING_TRAFFIC', description: 'No security group admits 0.0.0.0/0 to port 3389', inputParameters: { blockedPort1: '3389' } },
  { id: 'rds-storage-encrypted', identifier: 'RDS_STORAGE_ENCRYPTED', description: 'RDS instances are encrypted' },
  { id: 'ebs-default-encryption', identifier: 'EC2_EBS_ENCRYPTION_BY_DEFAULT', description: 'EBS encryption by default is on' },
  { id: 'imdsv2', identifier: 'EC2_IMDSV2_CHECK', description: 'EC2 instances require IMDSv2' },
];

/** Properties of {@link ConfigRules}. */
export interface ConfigRulesProps {
  /** Prefix and environment; each rule is named `<prefix>-<env>-<id>`. */
  readonly names: NameParts;
  /** The recorder status the rules wait for (`ConfigRecorder.status`). */
  readonly recorder: ITerraformDependable;
  /**
   * Opt-out: ids of {@link RAMPART_CONFIG_RULES} not to deploy, each reported as
   * `detection.config-rules.<id>-off`.
   * @default []
   */
  readonly omitRules?: readonly string[];
}

/** Rampart's AWS Config managed rules in one account and region. */
export class ConfigRules extends Construct {
  /** Rules by id. */
  public readonly rules: Readonly<Record<string, ConfigConfigRule>>;

  constructor(scope: Construct, id: string, props: ConfigRulesProps) {
    super(scope, id);
    const omit = props.omitRules ?? [];
    omit.forEach((o, i) => {
      if (!RAMPART_CONFIG_RULES.some((r) => r.id === o)) {
        throw new RampartValidationError({ code: 'ENUM', path: `omitRules[${i}]`, value: o, rule: `must be one of ${RAMPART_CONFIG_RULES.map((r) => r.id).join(', ')}` });
      }
    });
    const rules: Record<string, ConfigConfigRule> = {};
    for (const spec of RAMPART_CONFIG_RULES) {
      if (omit.includes(spec.id)) {
        reportOptOut(this, { id: `detection.config-rules.${spec.id}-off`, message: `the AWS Config rule ${spec.identifier} (${spec.description}) is not deployed` });
        continue;
      }
      rules[spec.id] = new ConfigConfigRule(this, spec.id, {
        name: resourceName(props.names, spec.id),
        description: spec.description,
        source: { owner: 'AWS', sourceIdentifier: spec.identifier },
        inputParameters: spec.inputParameters ? JSON.stringify(spec.inputParameters) : undefined,
        dependsOn: [props.recorder],
      });
    }
    this.rules = rules;
  }
}
