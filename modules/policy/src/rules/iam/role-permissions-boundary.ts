import { StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** Every role is capped by a permissions boundary. */
export const iamRolePermissionsBoundary: PolicyRule = {
  id: 'iam-role-permissions-boundary',
  title: 'Every IAM role has a permissions boundary',
  area: 'iam',
  severity: 'high',
  suppressible: true,
  mappings: {},
  hint: 'set permissions_boundary to the stack\'s boundary policy (the identity module\'s boundary aspect does this for every role)',
  resourceTypes: ['aws_iam_role'],
  check(role: PolicyResource, _ctx: StackContext) {
    const b = role.attributes.permissions_boundary;
    return typeof b === 'string' && b.length > 0 ? COMPLIANT : violation('the role has no permissions_boundary');
  },
};
