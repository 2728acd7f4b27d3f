import { Construct } from 'constructs';
import { assertAllValid, PolicyStatement } from '@rampart/core';
import { KMS_KEY_DESTRUCTION_ACTIONS } from '@rampart/identity';
import { ScpProps, ServiceControlPolicy, scpPropsIssues } from './service-control-policy';

/** Properties of {@link ProtectKmsKeysScp}. */
export type ProtectKmsKeysScpProps = ScpProps;

/**
 * Denies scheduling KMS key deletion, disabling KMS keys and deleting imported key material.
 * Every statement exempts the break-glass role pattern.
 */
export class ProtectKmsKeysScp extends ServiceControlPolicy {
  /** The policy's statements, before the break-glass exemption is added (also used by ScpCatalogue's bundles). */
  public static statements(): PolicyStatement[] {
    return [{ Sid: 'DenyKmsKeyDestruction', Effect: 'Deny', Action: [...KMS_KEY_DESTRUCTION_ACTIONS], Resource: '*' }];
  }

  constructor(scope: Construct, id: string, props: ProtectKmsKeysScpProps) {
    assertAllValid(scpPropsIssues(props), 'Invalid ProtectKmsKeysScp');
    super(scope, id, {
      ...props,
      policyName: props.policyName ?? 'rampart-protect-kms-keys',
      description: 'Denies scheduling KMS key deletion, disabling KMS keys and deleting imported key material.',
      statements: ProtectKmsKeysScp.statements(),
    });
  }
}
