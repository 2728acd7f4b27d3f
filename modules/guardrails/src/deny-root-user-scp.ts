import { Construct } from 'constructs';
import { assertAllValid, PolicyStatement } from '@rampart/core';
import { ScpProps, ServiceControlPolicy, scpPropsIssues } from './service-control-policy';

/** Properties of {@link DenyRootUserScp}. */
export type DenyRootUserScpProps = ScpProps;

/**
 * Denies every action to member accounts' root users (`aws:PrincipalArn` like
 * `arn:*:iam::*:root`). SCPs never apply to the management account. The break-glass exemption
 * is present for uniformity; it cannot match a root user.
 */
export class DenyRootUserScp extends ServiceControlPolicy {
  /** The policy's statements, before the break-glass exemption is added (also used by ScpCatalogue's bundles). */
  public static statements(): PolicyStatement[] {
    return [
      {
        Sid: 'DenyRootUser',
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { StringLike: { 'aws:PrincipalArn': 'arn:*:iam::*:root' } },
      },
    ];
  }

  constructor(scope: Construct, id: string, props: DenyRootUserScpProps) {
    assertAllValid(scpPropsIssues(props), 'Invalid DenyRootUserScp');
    super(scope, id, {
      ...props,
      policyName: props.policyName ?? 'rampart-deny-root-user',
      description: 'Denies every action to member account root users.',
      statements: DenyRootUserScp.statements(),
    });
  }
}
