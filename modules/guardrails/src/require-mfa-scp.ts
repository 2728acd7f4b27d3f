import { Construct } from 'constructs';
import { ValidationIssue, assertAllValid, PolicyStatement } from '@rampart/core';
import { validateIamAction } from '@rampart/identity';
import { ScpProps, ServiceControlPolicy, scpPropsIssues } from './service-control-policy';

/**
 * Sensitive actions that need an MFA-authenticated session by default: removing MFA devices and
 * the password policy, and deleting stores of data and backups.
 */
export const DEFAULT_MFA_PROTECTED_ACTIONS: readonly string[] = [
  'iam:DeactivateMFADevice',
  'iam:DeleteVirtualMFADevice',
  'iam:DeleteAccountPasswordPolicy',
  's3:DeleteBucket',
  's3:PutBucketObjectLockConfiguration',
  'rds:DeleteDBInstance',
  'rds:DeleteDBCluster',
  'dynamodb:DeleteTable',
  'backup:DeleteBackupVault',
  'backup:DeleteRecoveryPoint',
];

/** Properties of {@link RequireMfaScp}. */
export interface RequireMfaScpProps extends ScpProps {
  /**
   * Actions denied to sessions without MFA.
   * @default DEFAULT_MFA_PROTECTED_ACTIONS
   */
  readonly mfaProtectedActions?: readonly string[];
}

/**
 * Denies the listed sensitive actions to sessions that did not authenticate with MFA
 * (`BoolIfExists aws:MultiFactorAuthPresent = false`, so sessions without the key are denied too:
 * long-term keys, and federated sessions such as GitHub OIDC). Every statement exempts the
 * break-glass role pattern.
 */
export class RequireMfaScp extends ServiceControlPolicy {
  /** Issues of the rule-specific props. */
  public static ruleIssues(rule: Pick<RequireMfaScpProps, 'mfaProtectedActions'>): Array<ValidationIssue | undefined> {
    const actions = rule.mfaProtectedActions ?? DEFAULT_MFA_PROTECTED_ACTIONS;
    return [
      actions.length === 0 ? { code: 'REQUIRED', path: 'mfaProtectedActions', value: actions, rule: 'must list at least one action' } : undefined,
      ...actions.map((a, i) => validateIamAction(`mfaProtectedActions[${i}]`, a)),
    ];
  }

  /** The policy's statements, before the break-glass exemption is added (also used by ScpCatalogue's bundles). Validate first. */
  public static statements(rule: Pick<RequireMfaScpProps, 'mfaProtectedActions'>): PolicyStatement[] {
    return [
      {
        Sid: 'DenySensitiveActionsWithoutMfa',
        Effect: 'Deny',
        Action: [...(rule.mfaProtectedActions ?? DEFAULT_MFA_PROTECTED_ACTIONS)],
        Resource: '*',
        Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      },
    ];
  }

  public readonly mfaProtectedActions: readonly string[];

  constructor(scope: Construct, id: string, props: RequireMfaScpProps) {
    assertAllValid([...scpPropsIssues(props), ...RequireMfaScp.ruleIssues(props)], 'Invalid RequireMfaScp');
    super(scope, id, {
      ...props,
      policyName: props.policyName ?? 'rampart-require-mfa',
      description: 'Denies sensitive actions to sessions without MFA.',
      statements: RequireMfaScp.statements(props),
    });
    this.mfaProtectedActions = props.mfaProtectedActions ?? DEFAULT_MFA_PROTECTED_ACTIONS;
  }
}
