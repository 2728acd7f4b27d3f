import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { Construct } from 'constructs';
import {
  ValidationIssue,
  assertAllValid,
  isUnresolved,
  validateRegion,
  MANAGED_POLICY_MAX_CHARACTERS,
  PolicyDocument,
  PolicyStatement,
  policyDocument,
  policySize,
  renderPolicy,
  PERMISSION_BOUNDARY_MARKER,
} from '@rampart/core';
import { validateIamAction, validateIamArnPattern } from './iam-validators';
import { REGION_AGNOSTIC_ACTIONS } from './region-agnostic-actions';

/** Properties of {@link PermissionBoundaryPolicy}. */
export interface PermissionBoundaryPolicyProps {
  /** Managed policy name, 1-128 letters, digits and +=,.@_-. Replacing it replaces the policy. */
  readonly policyName: string;
  /** Regions in which capped roles may act; requests to any other region are denied. At least one. */
  readonly allowedRegions: readonly string[];
  /**
   * Actions of global services that the region deny leaves alone.
   * @default REGION_AGNOSTIC_ACTIONS
   */
  readonly regionAgnosticActions?: readonly string[];
  /**
   * ARNs (wildcards allowed) of roles known to run without this boundary: the deploy role
   * Terraform uses, the key-administrator role, break-glass roles. Capped roles may not change,
   * delete, tag or pass them (`UNBOUNDED_ROLE_ACTIONS`), since those actions do not carry the
   * `iam:PermissionsBoundary` key. Roles exempted in the stack are added by the
   * PermissionBoundaryAspect ({@link PermissionBoundaryPolicy.protectUnboundedRoles}).
   * @default []
   */
  readonly unboundedRoleArns?: readonly string[];
  /**
   * Customer-managed policies attached to unbounded roles. Capped roles may not create, delete or
   * switch their versions, nor delete them.
   * @default []
   */
  readonly protectedPolicyArns?: readonly string[];
  /**
   * Service prefixes (`ec2`, `s3`, `rds-db` ...) capped roles may use at all: the boundary allows
   * `<prefix>:*` for each and nothing else, on top of its denies.
   * @default DEFAULT_BOUNDARY_SERVICES
   */
  readonly allowedServices?: readonly string[];
}

/**
 * The service prefixes Rampart's stacks and workloads use: what the boundary allows by default.
 * A service outside this list needs `allowedServices` (config: `permissionBoundary.allowedServices`).
 */
export const DEFAULT_BOUNDARY_SERVICES: readonly string[] = [
  'access-analyzer',
  'acm',
  'application-autoscaling',
  'autoscaling',
  'backup',
  'cloudtrail',
  'cloudwatch',
  'config',
  'dynamodb',
  'ec2',
  'ec2messages',
  'ecr',
  'ecs',
  'elasticloadbalancing',
  'events',
  'guardduty',
  'iam',
  'kms',
  'lambda',
  'logs',
  'organizations',
  'rds',
  'rds-db',
  's3',
  'secretsmanager',
  'securityhub',
  'sns',
  'sqs',
  'ssm',
  'ssmmessages',
  'sts',
  'tag',
  'wafv2',
  'xray',
];

/** Actions that create IAM users or long-lived credentials. */
export const IAM_USER_CREATION_ACTIONS: readonly string[] = ['iam:CreateUser', 'iam:CreateAccessKey', 'iam:CreateLoginProfile'];
/** Actions that stop, delete or narrow CloudTrail trails (what they log, where they deliver). */
export const CLOUDTRAIL_DISABLING_ACTIONS: readonly string[] = [
  'cloudtrail:StopLogging',
  'cloudtrail:DeleteTrail',
  'cloudtrail:UpdateTrail',
  'cloudtrail:PutEventSelectors',
  'cloudtrail:PutInsightSelectors',
];
/** Actions that disable or delete GuardDuty, or detach an account from its administrator. */
export const GUARDDUTY_DISABLING_ACTIONS: readonly string[] = [
  'guardduty:DeleteDetector',
  'guardduty:UpdateDetector',
  'guardduty:DisassociateFromAdministratorAccount',
  'guardduty:DisassociateFromMasterAccount',
  'guardduty:DeleteMembers',
  'guardduty:DisassociateMembers',
  'guardduty:StopMonitoringMembers',
  'guardduty:DeletePublishingDestination',
  'guardduty:UpdatePublishingDestination',
];
/** Actions that stop or delete AWS Config recording. */
export const CONFIG_DISABLING_ACTIONS: readonly string[] = ['config:StopConfigurationRecorder', 'config:DeleteConfigurationRecorder', 'config:DeleteDeliveryChannel'];
/**
 * Role actions on which IAM supplies the `iam:PermissionsBoundary` condition key (the boundary of
 * the role acted on), per AWS's service authorisation reference for IAM. The boundary denies them
 * unless that boundary is this policy, so capped roles cannot touch unbounded roles through them.
 */
export const BOUNDARY_KEYED_ROLE_ACTIONS: readonly string[] = [
  'iam:CreateRole',
  'iam:PutRolePermissionsBoundary',
  'iam:AttachRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePolicy',
  'iam:DeleteRolePolicy',
];
/**
 * Role actions without the `iam:PermissionsBoundary` key that would let a capped role take over
 * or hand out another role. Denied on the known unbounded roles' ARNs.
 */
export const UNBOUNDED_ROLE_ACTIONS: readonly string[] = [
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
  'iam:DeleteRole',
  'iam:TagRole',
  'iam:UntagRole',
  'iam:PassRole',
];
/** Policy actions that change what a managed policy grants. */
export const POLICY_VERSION_ACTIONS: readonly string[] = ['iam:CreatePolicyVersion', 'iam:DeletePolicy', 'iam:DeletePolicyVersion', 'iam:SetDefaultPolicyVersion'];
/** Actions that delete or disable KMS keys. */
export const KMS_KEY_DESTRUCTION_ACTIONS: readonly string[] = ['kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:DeleteImportedKeyMaterial'];

/**
 * A managed policy that caps every role of an account: the platform's services
 * (`allowedServices`) are allowed, up to these denies; every other service is out of reach.
 *
 * - no IAM users, access keys or console passwords;
 * - no removing or editing permission boundaries: roles can only be created, have policies
 *   attached, put, detached or deleted, or have their boundary changed, when the role's boundary
 *   is this very policy (`iam:PermissionsBoundary`), and the policy itself cannot be edited or
 *   deleted by a capped role;
 * - no changing, deleting, tagging or passing the roles known to run without this boundary
 *   (`unboundedRoleArns`, plus the roles exempted in the stack), whose actions lack that key;
 * - nothing outside the allowed regions, except global services;
 * - no stopping, deleting or narrowing CloudTrail, GuardDuty or AWS Config;
 * - no scheduling KMS key deletion, disabling keys or deleting imported key material.
 *
 * The policy ARN inside its own conditions is built from the caller's account and partition
 * (data sources), so the document never refers to the policy resource itself. The rendered
 * document is checked at synth against IAM's 6,144-character managed-policy quota.
 */
export class PermissionBoundaryPolicy extends Construct {
  /** ARN of the managed policy (a token). Set this as `permissions_boundary`. */
  public readonly policyArn: string;
  /** The policy's name. */
  public readonly policyName: string;
  public readonly resource: IamPolicy;
  /** The ARN of this policy as its own conditions name it (partition and account from data sources). */
  public readonly selfArn: string;
  private readonly regions: readonly string[];
  private readonly agnostic: readonly string[];
  private readonly unboundedRoles: string[];
  private readonly protectedPolicies: readonly string[];
  /** Service prefixes the boundary allows. */
  public readonly allowedServices: readonly string[];

  constructor(scope: Construct, id: string, props: PermissionBoundaryPolicyProps) {
    super(scope, id);
    const regions = props.allowedRegions ?? [];
    const agnostic = props.regionAgnosticActions ?? REGION_AGNOSTIC_ACTIONS;
    const unbounded = props.unboundedRoleArns ?? [];
    const policies = props.protectedPolicyArns ?? [];
    const services = props.allowedServices ?? DEFAULT_BOUNDARY_SERVICES;
    const issues: Array<ValidationIssue | undefined> = [
      isUnresolved(props.policyName) || (typeof props.policyName === 'string' && /^[\w+=,.@-]{1,128}$/.test(props.policyName))
        ? undefined
        : { code: 'NAME_FORMAT', path: 'policyName', value: props.policyName, rule: 'managed policy names are 1-128 letters, digits and +=,.@_-' },
      ...regions.map((r, i) => validateRegion(`allowedRegions[${i}]`, r)),
      ...agnostic.map((a, i) => validateIamAction(`regionAgnosticActions[${i}]`, a)),
      ...unbounded.map((a, i) => validateIamArnPattern(`unboundedRoleArns[${i}]`, a, 'role')),
      ...policies.map((a, i) => validateIamArnPattern(`protectedPolicyArns[${i}]`, a, 'policy')),
      ...services.map((sv, i) =>
        typeof sv === 'string' && /^[a-z0-9][a-z0-9-]{0,39}$/.test(sv)
          ? services.indexOf(sv) !== i
            ? { code: 'DUPLICATE', path: `allowedServices[${i}]`, value: sv, rule: 'each service prefix may be listed once' }
            : undefined
          : { code: 'NAME_FORMAT', path: `allowedServices[${i}]`, value: sv, rule: 'must be an IAM service prefix such as ec2 or rds-db (lowercase letters, digits, hyphens)' },
      ),
    ];
    if (services.length === 0) issues.push({ code: 'REQUIRED', path: 'allowedServices', value: services, rule: 'must list at least one service prefix' });
    if (regions.length === 0) issues.push({ code: 'REQUIRED', path: 'allowedRegions', value: props.allowedRegions, rule: 'must list at least one region' });
    assertAllValid(issues, `Invalid PermissionBoundaryPolicy ${this.node.path}`);

    const partition = new DataAwsPartition(this, 'partition');
    const caller = new DataAwsCallerIdentity(this, 'caller');
    this.selfArn = `arn:${partition.partition}:iam::${caller.accountId}:policy/${props.policyName}`;
    this.regions = regions;
    this.agnostic = agnostic;
    this.unboundedRoles = [...unbounded];
    this.protectedPolicies = policies;
    this.allowedServices = [...services];
    this.policyName = props.policyName;
    this.resource = new IamPolicy(this, 'policy', {
      name: props.policyName,
      description: 'Permission boundary: caps every role of this account',
      policy: renderPolicy(this.document),
    });
    this.policyArn = this.resource.arn;
    // Marks the policy in the synthesised JSON as the stack's boundary, for the policy rule
    // iam-role-permissions-boundary (a role with any other boundary fails it).
    this.resource.addOverride(`//.${PERMISSION_BOUNDARY_MARKER}`, true);
    // Checked when the stack is validated, after aspects may have added exempted roles.
    this.node.addValidation({
      validate: () =>
        this.size > MANAGED_POLICY_MAX_CHARACTERS
          ? [`[POLICY_SIZE] permission boundary ${props.policyName} is ${this.size} characters; IAM allows at most ${MANAGED_POLICY_MAX_CHARACTERS} for a managed policy`]
          : [],
    });
  }

  /** ARNs of the unbounded roles the policy protects (configured and added). */
  public get unboundedRoleArns(): readonly string[] {
    return [...this.unboundedRoles];
  }

  /**
   * Adds roles that run without this boundary (e.g. exempted roles) to the ones capped roles may
   * not change, delete, tag or pass. Called by the PermissionBoundaryAspect; re-renders the policy.
   */
  public protectUnboundedRoles(roleArns: readonly string[]): void {
    for (const arn of roleArns) if (!this.unboundedRoles.includes(arn)) this.unboundedRoles.push(arn);
    this.resource.policy = renderPolicy(this.document);
  }

  /** The policy document, as currently rendered. */
  public get document(): PolicyDocument {
    const selfArn = this.selfArn;
    const statements: PolicyStatement[] = [
      { Sid: 'AllowPlatformServices', Effect: 'Allow', Action: this.allowedServices.map((sv) => `${sv}:*`), Resource: '*' },
      { Sid: 'DenyIamUsersAndKeys', Effect: 'Deny', Action: [...IAM_USER_CREATION_ACTIONS], Resource: '*' },
      {
        Sid: 'DenyRolesWithoutThisBoundary',
        Effect: 'Deny',
        Action: [...BOUNDARY_KEYED_ROLE_ACTIONS],
        Resource: '*',
        Condition: { StringNotEquals: { 'iam:PermissionsBoundary': selfArn } },
      },
      { Sid: 'DenyBoundaryRemoval', Effect: 'Deny', Action: ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary', 'iam:PutUserPermissionsBoundary'], Resource: '*' },
      { Sid: 'DenyBoundaryEdits', Effect: 'Deny', Action: [...POLICY_VERSION_ACTIONS], Resource: this.protectedPolicies.length > 0 ? [selfArn, ...this.protectedPolicies] : selfArn },
    ];
    if (this.unboundedRoles.length > 0) {
      statements.push({ Sid: 'DenyUnboundedRoleChanges', Effect: 'Deny', Action: [...UNBOUNDED_ROLE_ACTIONS], Resource: [...this.unboundedRoles] });
    }
    statements.push(
      {
        Sid: 'DenyOutsideAllowedRegions',
        Effect: 'Deny',
        NotAction: [...this.agnostic],
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': [...this.regions] } },
      },
      {
        Sid: 'DenyDisablingAuditAndDetection',
        Effect: 'Deny',
        Action: [...CLOUDTRAIL_DISABLING_ACTIONS, ...GUARDDUTY_DISABLING_ACTIONS, ...CONFIG_DISABLING_ACTIONS],
        Resource: '*',
      },
      { Sid: 'DenyKmsKeyDestruction', Effect: 'Deny', Action: [...KMS_KEY_DESTRUCTION_ACTIONS], Resource: '*' },
    );
    return policyDocument(statements);
  }

  /** Characters AWS counts for the document, as currently rendered. */
  public get size(): number {
    return policySize(this.document);
  }
}
