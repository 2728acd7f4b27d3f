import { Construct } from 'constructs';
import { assertAllValid } from '@rampart/core';
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
 * (`BoolIfExists aws:MultiFactorAuthPresent = false`, so sessions without the key are denied too).
 * Every statement exempts the break-glass role pattern.
 */
export class RequireMfaScp extends ServiceControlPolicy {
  public readonly mfaProtectedActions: readonly string[];

  constructor(scope: Construct, id: string, props: RequireMfaScpProps) {
    const actions = props.mfaProtectedActions ?? DEFAULT_MFA_PROTECTED_ACTIONS;
    assertAllValid(
      [
        ...scpPropsIssues(props),
        actions.length === 0 ? { code: 'REQUIRED', path: 'mfaProtectedActions', value: actions, rule: 'must list at least one action' } : undefined,
        ...actions.map((a, i) => validateIamAction(`mfaProtectedActions[${i}]`, a)),
      ],
      'Invalid RequireMfaScp',
    );
    super(scope, id, {
      ...props,
      policyName: props.policyName ?? 'rampart-require-mfa',
      description: 'Denies sensitive actions to sessions without MFA.',
      statements: [
        {
          Sid: 'DenySensitiveActionsWithoutMfa',
          Effect: 'Deny',
          Action: [...actions],
          Resource: '*',
          Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
        },
      ],
    });
    this.mfaProtectedActions = actions;
  }
}
