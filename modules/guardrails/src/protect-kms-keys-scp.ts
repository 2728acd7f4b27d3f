import { Construct } from 'constructs';
import { assertAllValid } from '@rampart/core';
import { KMS_KEY_DESTRUCTION_ACTIONS } from '@rampart/identity';
import { ScpProps, ServiceControlPolicy, scpPropsIssues } from './service-control-policy';

/** Properties of {@link ProtectKmsKeysScp}. */
export type ProtectKmsKeysScpProps = ScpProps;

/**
 * Denies scheduling KMS key deletion and disabling KMS keys.
 * Every statement exempts the break-glass role pattern.
 */
export class ProtectKmsKeysScp extends ServiceControlPolicy {
  constructor(scope: Construct, id: string, props: ProtectKmsKeysScpProps) {
    assertAllValid(scpPropsIssues(props), 'Invalid ProtectKmsKeysScp');
    super(scope, id, {
      ...props,
      policyName: props.policyName ?? 'rampart-protect-kms-keys',
      description: 'Denies scheduling KMS key deletion and disabling KMS keys.',
      statements: [{ Sid: 'DenyKmsKeyDestruction', Effect: 'Deny', Action: [...KMS_KEY_DESTRUCTION_ACTIONS], Resource: '*' }],
    });
  }
}
