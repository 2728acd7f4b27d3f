import { listOf } from '../../normalize';
import { StackContext } from '../../context';
import { outcomes, PolicyResource, PolicyRule, RuleOutcome, violation } from '../../types';

const ADMIN = /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/;

/** The AWS AdministratorAccess managed policy is not attached to roles, users or groups. */
export const iamNoAdminManagedPolicy: PolicyRule = {
  id: 'iam-no-admin-managed-policy',
  title: 'The AdministratorAccess managed policy is not attached',
  area: 'iam',
  severity: 'high',
  suppressible: true,
  mappings: { cis: ['1.16'], checkov: ['CKV_AWS_274'] },
  hint: 'attach a least-privilege policy; a break-glass admin role needs a suppression with a reason, an owner and an expiry',
  resourceTypes: [
    'aws_iam_role_policy_attachment',
    'aws_iam_user_policy_attachment',
    'aws_iam_group_policy_attachment',
    'aws_iam_policy_attachment',
    'aws_iam_role',
    'aws_iam_role_policy_attachments_exclusive',
  ],
  check(r: PolicyResource, _ctx: StackContext) {
    const arns: unknown[] =
      r.type === 'aws_iam_role' ? listOf(r.attributes.managed_policy_arns) : r.type === 'aws_iam_role_policy_attachments_exclusive' ? listOf(r.attributes.policy_arns) : [r.attributes.policy_arn];
    const found: RuleOutcome[] = arns.filter((a) => typeof a === 'string' && ADMIN.test(a)).map(() => violation('AdministratorAccess is attached', { finding: 'AdministratorAccess' }));
    return outcomes(found);
  },
};
