import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { Construct } from 'constructs';
import { ValidationIssue, assertAllValid, failSynth, isUnresolved, validateRegion } from '@rampart/core';
import { validateIamAction } from './iam-validators';
import { MANAGED_POLICY_MAX_CHARACTERS, PolicyDocument, PolicyStatement, policyDocument, policySize, renderPolicy } from './policy-document';
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
}

/** Actions that create IAM users or long-lived credentials. */
export const IAM_USER_CREATION_ACTIONS: readonly string[] = ['iam:CreateUser', 'iam:CreateAccessKey', 'iam:CreateLoginProfile'];
/** Actions that stop or delete CloudTrail trails. */
export const CLOUDTRAIL_DISABLING_ACTIONS: readonly string[] = ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'];
/** Actions that disable or delete GuardDuty, or detach an account from its administrator. */
export const GUARDDUTY_DISABLING_ACTIONS: readonly string[] = [
  'guardduty:DeleteDetector',
  'guardduty:UpdateDetector',
  'guardduty:DisassociateFromAdministratorAccount',
  'guardduty:DisassociateFromMasterAccount',
  'guardduty:DeleteMembers',
  'guardduty:DisassociateMembers',
  'guardduty:StopMonitoringMembers',
];
/** Actions that stop or delete AWS Config recording. */
export const CONFIG_DISABLING_ACTIONS: readonly string[] = [
  'config:StopConfigurationRecorder',
  'config:DeleteConfigurationRecorder',
  'config:DeleteDeliveryChannel',
];
/** Actions that delete or disable KMS keys. */
export const KMS_KEY_DESTRUCTION_ACTIONS: readonly string[] = ['kms:ScheduleKeyDeletion', 'kms:DisableKey'];

/**
 * A managed policy that caps every role of an account: everything is allowed up to these denies.
 *
 * - no IAM users, access keys or console passwords;
 * - no removing or editing permission boundaries: roles can only be created, or have their
 *   boundary changed, with this very policy as boundary, and the policy itself cannot be edited
 *   or deleted by a capped role;
 * - nothing outside the allowed regions, except global services;
 * - no stopping or deleting CloudTrail, GuardDuty or AWS Config;
 * - no scheduling KMS key deletion or disabling keys.
 *
 * The policy ARN inside its own conditions is built from the caller's account and partition
 * (data sources), so the document never refers to the policy resource itself.
 */
export class PermissionBoundaryPolicy extends Construct {
  /** ARN of the managed policy (a token). Set this as `permissions_boundary`. */
  public readonly policyArn: string;
  /** The policy's name. */
  public readonly policyName: string;
  /** The policy document. */
  public readonly document: PolicyDocument;
  /** Characters AWS counts for the document. */
  public readonly size: number;
  public readonly resource: IamPolicy;

  constructor(scope: Construct, id: string, props: PermissionBoundaryPolicyProps) {
    super(scope, id);
    const regions = props.allowedRegions ?? [];
    const agnostic = props.regionAgnosticActions ?? REGION_AGNOSTIC_ACTIONS;
    const issues: Array<ValidationIssue | undefined> = [
      isUnresolved(props.policyName) || (typeof props.policyName === 'string' && /^[\w+=,.@-]{1,128}$/.test(props.policyName))
        ? undefined
        : { code: 'NAME_FORMAT', path: 'policyName', value: props.policyName, rule: 'managed policy names are 1-128 letters, digits and +=,.@_-' },
      ...regions.map((r, i) => validateRegion(`allowedRegions[${i}]`, r)),
      ...agnostic.map((a, i) => validateIamAction(`regionAgnosticActions[${i}]`, a)),
    ];
    if (regions.length === 0) issues.push({ code: 'REQUIRED', path: 'allowedRegions', value: props.allowedRegions, rule: 'must list at least one region' });
    assertAllValid(issues, `Invalid PermissionBoundaryPolicy ${this.node.path}`);

    const partition = new DataAwsPartition(this, 'partition');
    const caller = new DataAwsCallerIdentity(this, 'caller');
    const selfArn = `arn:${partition.partition}:iam::${caller.accountId}:policy/${props.policyName}`;
    const statements: PolicyStatement[] = [
      { Sid: 'AllowWithinBoundary', Effect: 'Allow', Action: '*', Resource: '*' },
      { Sid: 'DenyIamUsersAndKeys', Effect: 'Deny', Action: [...IAM_USER_CREATION_ACTIONS], Resource: '*' },
      {
        Sid: 'DenyRolesWithoutThisBoundary',
        Effect: 'Deny',
        Action: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary'],
        Resource: '*',
        Condition: { StringNotEquals: { 'iam:PermissionsBoundary': selfArn } },
      },
      { Sid: 'DenyBoundaryRemoval', Effect: 'Deny', Action: ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary', 'iam:PutUserPermissionsBoundary'], Resource: '*' },
      {
        Sid: 'DenyBoundaryEdits',
        Effect: 'Deny',
        Action: ['iam:CreatePolicyVersion', 'iam:DeletePolicy', 'iam:DeletePolicyVersion', 'iam:SetDefaultPolicyVersion'],
        Resource: selfArn,
      },
      {
        Sid: 'DenyOutsideAllowedRegions',
        Effect: 'Deny',
        NotAction: [...agnostic],
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': [...regions] } },
      },
      {
        Sid: 'DenyDisablingAuditAndDetection',
        Effect: 'Deny',
        Action: [...CLOUDTRAIL_DISABLING_ACTIONS, ...GUARDDUTY_DISABLING_ACTIONS, ...CONFIG_DISABLING_ACTIONS],
        Resource: '*',
      },
      { Sid: 'DenyKmsKeyDestruction', Effect: 'Deny', Action: [...KMS_KEY_DESTRUCTION_ACTIONS], Resource: '*' },
    ];
    this.document = policyDocument(statements);
    this.size = policySize(this.document);
    this.policyName = props.policyName;
    this.resource = new IamPolicy(this, 'policy', {
      name: props.policyName,
      description: 'Permission boundary: caps every role of this account',
      policy: renderPolicy(this.document),
    });
    this.policyArn = this.resource.arn;
    if (this.size > MANAGED_POLICY_MAX_CHARACTERS) {
      failSynth(this, `[POLICY_SIZE] permission boundary ${props.policyName} is ${this.size} characters; IAM allows at most ${MANAGED_POLICY_MAX_CHARACTERS} for a managed policy`);
    }
  }
}
