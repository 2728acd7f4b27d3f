import { ITerraformDependable } from 'cdktf';
import { DataAwsOrganizationsOrganization } from '@cdktf/provider-aws/lib/data-aws-organizations-organization';
import { Construct } from 'constructs';
import { NameParts, assertAllValid, resourceName } from '@rampart/core';
import { DenyIamUsersScp } from './deny-iam-users-scp';
import { DenyLeaveOrganizationScp } from './deny-leave-organization-scp';
import { DenyRootUserScp } from './deny-root-user-scp';
import { DenyUnapprovedRegionsScp } from './deny-unapproved-regions-scp';
import { ProtectCloudTrailScp } from './protect-cloudtrail-scp';
import { ProtectGuardDutyScp } from './protect-guardduty-scp';
import { ProtectKmsKeysScp } from './protect-kms-keys-scp';
import { RequireMfaScp } from './require-mfa-scp';
import { ROOT_TARGET, validateBreakGlassRolePattern, validateScpTargetId } from './scp-rules';
import { ServiceControlPolicy } from './service-control-policy';

/** Properties of {@link ScpCatalogue}. */
export interface ScpCatalogueProps {
  /** Name parts; policies are named `<prefix>-<environment>-scp-<policy>`. */
  readonly names: NameParts;
  /** Regions the organisation may use. */
  readonly allowedRegions: readonly string[];
  /** ARN pattern of the break-glass role(s) every policy exempts. */
  readonly breakGlassRolePattern: string;
  /** Actions that need MFA. @default DEFAULT_MFA_PROTECTED_ACTIONS */
  readonly mfaProtectedActions?: readonly string[];
  /** Root, OU or account ids every policy is attached to; `root` stands for the organisation root. */
  readonly targetIds: readonly string[];
  /**
   * Id of the organisation root, used for the `root` target.
   * @default - read with the aws_organizations_organization data source when `root` is a target
   */
  readonly rootId?: string;
  /** Resources the policies must wait for (the organisation, when this stack manages it). @default [] */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The whole catalogue, attached to the same targets: regions, CloudTrail, GuardDuty, IAM users,
 * MFA, KMS keys, leaving the organisation, root user.
 */
export class ScpCatalogue extends Construct {
  public readonly denyUnapprovedRegions: DenyUnapprovedRegionsScp;
  public readonly protectCloudTrail: ProtectCloudTrailScp;
  public readonly protectGuardDuty: ProtectGuardDutyScp;
  public readonly denyIamUsers: DenyIamUsersScp;
  public readonly requireMfa: RequireMfaScp;
  public readonly protectKmsKeys: ProtectKmsKeysScp;
  public readonly denyLeaveOrganization: DenyLeaveOrganizationScp;
  public readonly denyRootUser: DenyRootUserScp;

  constructor(scope: Construct, id: string, props: ScpCatalogueProps) {
    super(scope, id);
    const targets = props.targetIds ?? [];
    assertAllValid(
      [
        validateBreakGlassRolePattern('breakGlassRolePattern', props.breakGlassRolePattern),
        targets.length === 0 ? { code: 'REQUIRED', path: 'targetIds', value: props.targetIds, rule: 'must list at least one target' } : undefined,
        ...targets.map((t, i) => validateScpTargetId(`targetIds[${i}]`, t, true)),
      ],
      `Invalid ScpCatalogue ${this.node.path}`,
    );
    let rootId = props.rootId;
    if (targets.includes(ROOT_TARGET) && rootId === undefined) {
      rootId = new DataAwsOrganizationsOrganization(this, 'organization').roots.get(0).id;
    }
    const common = {
      targetIds: targets.map((t) => (t === ROOT_TARGET ? (rootId as string) : t)),
      breakGlassRolePattern: props.breakGlassRolePattern,
      dependsOn: props.dependsOn,
    };
    const name = (policy: string): string => resourceName(props.names, `scp-${policy}`, 128);
    this.denyUnapprovedRegions = new DenyUnapprovedRegionsScp(this, 'deny-unapproved-regions', { ...common, policyName: name('deny-unapproved-regions'), allowedRegions: props.allowedRegions });
    this.protectCloudTrail = new ProtectCloudTrailScp(this, 'protect-cloudtrail', { ...common, policyName: name('protect-cloudtrail') });
    this.protectGuardDuty = new ProtectGuardDutyScp(this, 'protect-guardduty', { ...common, policyName: name('protect-guardduty') });
    this.denyIamUsers = new DenyIamUsersScp(this, 'deny-iam-users', { ...common, policyName: name('deny-iam-users') });
    this.requireMfa = new RequireMfaScp(this, 'require-mfa', { ...common, policyName: name('require-mfa'), mfaProtectedActions: props.mfaProtectedActions });
    this.protectKmsKeys = new ProtectKmsKeysScp(this, 'protect-kms-keys', { ...common, policyName: name('protect-kms-keys') });
    this.denyLeaveOrganization = new DenyLeaveOrganizationScp(this, 'deny-leave-organization', { ...common, policyName: name('deny-leave-organization') });
    this.denyRootUser = new DenyRootUserScp(this, 'deny-root-user', { ...common, policyName: name('deny-root-user') });
  }

  /** Every policy of the catalogue. */
  public get policies(): ServiceControlPolicy[] {
    return [
      this.denyUnapprovedRegions,
      this.protectCloudTrail,
      this.protectGuardDuty,
      this.denyIamUsers,
      this.requireMfa,
      this.protectKmsKeys,
      this.denyLeaveOrganization,
      this.denyRootUser,
    ];
  }
}
