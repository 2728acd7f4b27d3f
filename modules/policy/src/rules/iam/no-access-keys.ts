import { StackContext } from '../../context';
import { PolicyResource, PolicyRule, violation } from '../../types';

/** Long-lived access keys are never created by infrastructure code. */
export const iamNoAccessKeys: PolicyRule = {
  id: 'iam-no-access-keys',
  title: 'No IAM access keys (never suppressible)',
  area: 'iam',
  severity: 'critical',
  suppressible: false,
  mappings: {},
  hint: 'use short-lived credentials: a role assumed through OIDC, SSO or STS; the key secret would also land in Terraform state',
  resourceTypes: ['aws_iam_access_key'],
  check(_r: PolicyResource, _ctx: StackContext) {
    return violation('the stack creates a long-lived IAM access key');
  },
};
