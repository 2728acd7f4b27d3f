import { blocks, StackContext } from '../../context';
import { PolicyDocument, PolicyStatement } from '../../policy-document';
import { PolicyResource } from '../../types';

/** Resource types that carry an identity policy document in `policy`. */
export const IDENTITY_POLICY_TYPES = ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy', 'aws_iam_role'];

/** Identity policy documents a resource carries (for roles: their inline_policy blocks), with a finding id each. */
export function identityPolicies(r: PolicyResource, ctx: StackContext): Array<{ finding: string; doc: PolicyDocument | undefined; raw: unknown }> {
  if (r.type === 'aws_iam_role') {
    return blocks(r.attributes.inline_policy)
      .filter((b) => b.policy !== undefined)
      .map((b, i) => ({ finding: `inline_policy.${typeof b.name === 'string' ? b.name : i}`, doc: ctx.policyDocument(b.policy), raw: b.policy }));
  }
  if (r.attributes.policy === undefined) return [];
  return [{ finding: 'policy', doc: ctx.policyDocument(r.attributes.policy), raw: r.attributes.policy }];
}

/** Allow statements in a role's trust policy that federate a web identity. */
export function webIdentityStatements(role: PolicyResource, ctx: StackContext): PolicyStatement[] {
  const doc = ctx.policyDocument(role.attributes.assume_role_policy);
  if (!doc) return [];
  return doc.statements.filter((s) => s.effect === 'Allow' && s.principals.some((p) => p.type === 'Federated') && s.actions.some((a) => a.toLowerCase() === 'sts:assumerolewithwebidentity'));
}
