import { StackContext } from '../../context';
import { PolicyResource, PolicyRule, violation } from '../../types';

/** People and machines use roles: no IAM users or console passwords. */
export const iamNoUsers: PolicyRule = {
  id: 'iam-no-users',
  title: 'No IAM users or login profiles (roles over users)',
  area: 'iam',
  severity: 'high',
  // Never suppressible: people use IAM Identity Center, CI uses OIDC, workloads use roles.
  suppressible: false,
  mappings: { checkov: ['CKV_AWS_273'] },
  hint: 'use IAM Identity Center (SSO) for people, OIDC federation for CI and roles for workloads',
  resourceTypes: ['aws_iam_user', 'aws_iam_user_login_profile'],
  check(r: PolicyResource, _ctx: StackContext) {
    return violation(r.type === 'aws_iam_user' ? 'the stack creates an IAM user' : 'the stack gives an IAM user a console password');
  },
};
