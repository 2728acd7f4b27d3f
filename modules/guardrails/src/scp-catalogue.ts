import { Aspects, IAspect, ITerraformDependable, TerraformResource, TerraformStack } from 'cdktf';
import { DataAwsOrganizationsOrganization } from '@cdktf/provider-aws/lib/data-aws-organizations-organization';
import { Construct, IConstruct } from 'constructs';
import { NameParts, ValidationIssue, assertAllValid, failSynth, resourceName, synthesizeResource, validateIntegerRange } from '@rampart/core';
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

/** Most SCPs AWS Organizations lets you attach to one root, OU or account (a hard quota), counting FullAWSAccess. */
export const SCP_MAX_POLICIES_PER_TARGET = 5;

/** Properties of {@link ScpCatalogue}. */
export interface ScpCatalogueProps {
  /** Name parts; policies are named `<prefix>-<environment>-scp-<bundle>`. */
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
  /**
   * Most SCPs one target may carry, counting the SCPs this stack attaches to it and
   * `externalPoliciesPerTarget`. A target over it fails synth (`[SCP_PER_TARGET]`).
   * 1 to 5: AWS allows no more than 5.
   * @default SCP_MAX_POLICIES_PER_TARGET (5)
   */
  readonly maxPoliciesPerTarget?: number;
  /**
   * SCPs attached to every target outside this stack. AWS attaches FullAWSAccess to every root,
   * OU and account, and it must stay unless another policy allows actions.
   * @default 1 (FullAWSAccess)
   */
  readonly externalPoliciesPerTarget?: number;
}

/**
 * The whole catalogue, bundled by theme into four policies attached to the same targets, so that
 * a target carries four Rampart SCPs plus AWS's FullAWSAccess, within AWS's five per target:
 *
 * - `regions`: {@link DenyUnapprovedRegionsScp};
 * - `audit-protection`: {@link ProtectCloudTrailScp}, {@link ProtectGuardDutyScp}, {@link ProtectKmsKeysScp};
 * - `identity`: {@link DenyIamUsersScp}, {@link DenyRootUserScp}, {@link DenyLeaveOrganizationScp};
 * - `mfa`: {@link RequireMfaScp}.
 *
 * Each bundle holds the typed policies' statements unchanged (each with the break-glass
 * exemption) and is checked against the 5,120-character limit. At synth, every target of the
 * stack's SCP attachments is counted; more than `maxPoliciesPerTarget` fails synth.
 */
export class ScpCatalogue extends Construct {
  /** Region deny. */
  public readonly regions: ServiceControlPolicy;
  /** CloudTrail, GuardDuty and KMS key protection. */
  public readonly auditProtection: ServiceControlPolicy;
  /** No IAM users or keys, no root user, no leaving the organisation. */
  public readonly identity: ServiceControlPolicy;
  /** MFA for sensitive actions. */
  public readonly mfa: ServiceControlPolicy;
  /** Most SCPs per target, counting `externalPoliciesPerTarget`. */
  public readonly maxPoliciesPerTarget: number;
  /** SCPs assumed attached to every target outside this stack. */
  public readonly externalPoliciesPerTarget: number;

  constructor(scope: Construct, id: string, props: ScpCatalogueProps) {
    super(scope, id);
    const targets = props.targetIds ?? [];
    const max = props.maxPoliciesPerTarget ?? SCP_MAX_POLICIES_PER_TARGET;
    const external = props.externalPoliciesPerTarget ?? 1;
    const issues: Array<ValidationIssue | undefined> = [
      validateBreakGlassRolePattern('breakGlassRolePattern', props.breakGlassRolePattern),
      targets.length === 0 ? { code: 'REQUIRED', path: 'targetIds', value: props.targetIds, rule: 'must list at least one target' } : undefined,
      ...targets.map((t, i) => validateScpTargetId(`targetIds[${i}]`, t, true)),
      ...DenyUnapprovedRegionsScp.ruleIssues({ allowedRegions: props.allowedRegions }),
      ...RequireMfaScp.ruleIssues({ mfaProtectedActions: props.mfaProtectedActions }),
      validateIntegerRange('maxPoliciesPerTarget', max, 1, SCP_MAX_POLICIES_PER_TARGET),
      validateIntegerRange('externalPoliciesPerTarget', external, 0, SCP_MAX_POLICIES_PER_TARGET),
    ];
    assertAllValid(issues, `Invalid ScpCatalogue ${this.node.path}`);
    this.maxPoliciesPerTarget = max;
    this.externalPoliciesPerTarget = external;

    let rootId = props.rootId;
    if (targets.includes(ROOT_TARGET) && rootId === undefined) {
      rootId = new DataAwsOrganizationsOrganization(this, 'organization').roots.get(0).id;
    }
    const resolvedTargets = targets.map((t) => (t === ROOT_TARGET ? (rootId as string) : t));
    const common = { targetIds: resolvedTargets, breakGlassRolePattern: props.breakGlassRolePattern, dependsOn: props.dependsOn };
    const bundle = (name: string, description: string, statements: ReturnType<typeof DenyRootUserScp.statements>): ServiceControlPolicy =>
      new ServiceControlPolicy(this, name, { ...common, policyName: resourceName(props.names, `scp-${name}`, 128), description, statements });

    this.regions = bundle(
      'regions',
      `Denies requests outside ${props.allowedRegions.join(', ')}, except global services.`,
      DenyUnapprovedRegionsScp.statements({ allowedRegions: props.allowedRegions }),
    );
    this.auditProtection = bundle('audit-protection', 'Denies stopping or narrowing CloudTrail, disabling GuardDuty, and destroying KMS keys.', [
      ...ProtectCloudTrailScp.statements(),
      ...ProtectGuardDutyScp.statements(),
      ...ProtectKmsKeysScp.statements(),
    ]);
    this.identity = bundle('identity', 'Denies IAM users and access keys, member root users, and leaving the organisation.', [
      ...DenyIamUsersScp.statements(),
      ...DenyRootUserScp.statements(),
      ...DenyLeaveOrganizationScp.statements(),
    ]);
    this.mfa = bundle('mfa', 'Denies sensitive actions to sessions without MFA.', RequireMfaScp.statements({ mfaProtectedActions: props.mfaProtectedActions }));

    const labels = new Map<string, string>();
    if (rootId !== undefined) labels.set(rootId, `root (${rootId})`);
    Aspects.of(this).add(new ScpsPerTargetCheck(this, max, external, labels));
  }

  /** Every policy of the catalogue: the four bundles. */
  public get policies(): ServiceControlPolicy[] {
    return [this.regions, this.auditProtection, this.identity, this.mfa];
  }
}

/**
 * Counts, per target, the `aws_organizations_policy_attachment`s of service control policies
 * in the whole stack (the catalogue's and any other), adds the external ones and fails
 * synth on the catalogue for each target over the maximum. Runs once, when it visits the catalogue.
 */
class ScpsPerTargetCheck implements IAspect {
  constructor(
    private readonly catalogue: ScpCatalogue,
    private readonly max: number,
    private readonly external: number,
    private readonly labels: ReadonlyMap<string, string>,
  ) {}

  public visit(node: IConstruct): void {
    if (node !== this.catalogue) return;
    const stack = TerraformStack.of(this.catalogue);
    const resources = stack.node
      .findAll()
      .filter((c): c is TerraformResource => TerraformResource.isTerraformResource(c))
      .map((r) => synthesizeResource(r));
    // Attachments of tag, backup or AI opt-out policies do not count against the SCP quota.
    const otherPolicyIds = new Set(
      resources.filter((r) => r.type === 'aws_organizations_policy' && (r.attributes.type ?? 'SERVICE_CONTROL_POLICY') !== 'SERVICE_CONTROL_POLICY').map((r) => `\${${r.address}.id}`),
    );
    const counts = new Map<string, number>();
    for (const r of resources) {
      if (r.type !== 'aws_organizations_policy_attachment' || otherPolicyIds.has(String(r.attributes.policy_id))) continue;
      const target = String(r.attributes.target_id);
      counts.set(target, (counts.get(target) ?? 0) + 1);
    }
    for (const [target, count] of counts) {
      const total = count + this.external;
      if (total > this.max) {
        failSynth(
          this.catalogue,
          `[SCP_PER_TARGET] target ${this.labels.get(target) ?? target} would carry ${total} SCPs (${count} attached by this stack + ${this.external} attached outside it, such as FullAWSAccess); the maximum is ${this.max}`,
        );
      }
    }
  }
}
