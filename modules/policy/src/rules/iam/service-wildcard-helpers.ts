import { StackContext } from '../../context';
import { PolicyStatement } from '../../policy-document';
import { NOT_APPLICABLE, outcomes, PolicyResource, RuleOutcome, violation } from '../../types';
import { identityPolicies } from './iam-helpers';

/** Services where `<service>:*` on `*` hands out control of identities, keys, the organisation or all data. */
export const PRIVILEGED_SERVICES: readonly string[] = ['iam', 'kms', 'organizations', 's3', 'sts'];

/** Attachment resources and the attribute that names the managed policy they attach. */
const ATTACHMENTS: ReadonlyArray<[string, string]> = [
  ['aws_iam_role_policy_attachment', 'policy_arn'],
  ['aws_iam_user_policy_attachment', 'policy_arn'],
  ['aws_iam_group_policy_attachment', 'policy_arn'],
  ['aws_iam_policy_attachment', 'policy_arn'],
  ['aws_iam_role', 'managed_policy_arns'],
  ['aws_iam_role_policy_attachments_exclusive', 'policy_arns'],
];

/** True when a managed policy is attached as a permission policy somewhere in the stack. */
export function isAttached(policy: PolicyResource, ctx: StackContext): boolean {
  return ATTACHMENTS.some(([type, attr]) => ctx.related(type, attr, policy).length > 0);
}

/**
 * True when a resource's policies grant as identity policies: inline policies always do; a managed
 * `aws_iam_policy` does where it is attached (CIS 1.16 "attached"). A permissions boundary
 * (`acme-<stack>-permission-boundary`: Allow `*`, then Deny) is referenced from roles'
 * `permissions_boundary`, never attached, so it caps roles and is not judged as a grant; once
 * attached as a permission policy it is. SCPs (`aws_organizations_policy`) are never inspected.
 */
export function grantsAsIdentityPolicy(r: PolicyResource, ctx: StackContext): boolean {
  return r.type !== 'aws_iam_policy' || isAttached(r, ctx);
}

/** True when the statement's resources include every resource (`*`). */
export function onEveryResource(s: PolicyStatement): boolean {
  return s.resources.includes('*');
}

/**
 * The service of an action that covers every action of one service (`kms:*`, `IAM:*`), or
 * undefined. `*` and `*:*` (every service) are `iam-no-admin-wildcard`'s.
 */
export function serviceWideService(action: string): string | undefined {
  const m = /^([a-z0-9-]+):\*$/i.exec(action.trim());
  return m ? m[1].toLowerCase() : undefined;
}

/** Allow statements of the resource's identity policies, with the finding id of the policy they sit in. */
export function allowStatements(r: PolicyResource, ctx: StackContext): Array<{ finding: string; s: PolicyStatement }> {
  const out: Array<{ finding: string; s: PolicyStatement }> = [];
  for (const { finding, doc } of identityPolicies(r, ctx)) {
    if (!doc) continue; // unreadable documents are reported by iam-policy-readable
    for (const s of doc.statements) if (s.effect === 'Allow') out.push({ finding, s });
  }
  return out;
}

/**
 * The check of a rule that judges each Allow statement on every resource (`"Resource": "*"`) of
 * an identity policy: `describe` returns what the statement allows that it should not (the rule
 * reports it as `allows <what> on "*"`), or undefined when the statement is fine.
 */
export function checkStatementsOnEveryResource(describe: (s: PolicyStatement) => string | undefined): (r: PolicyResource, ctx: StackContext) => RuleOutcome | readonly RuleOutcome[] {
  return (r, ctx) => {
    if (!grantsAsIdentityPolicy(r, ctx)) return NOT_APPLICABLE;
    const found: RuleOutcome[] = [];
    for (const { finding, s } of allowStatements(r, ctx)) {
      if (!onEveryResource(s)) continue;
      const what = describe(s);
      if (what) found.push(violation(`${finding} statement ${s.sid ?? ''} allows ${what} on "*"`.replace('  ', ' '), { finding }));
    }
    return outcomes(found);
  };
}

/** The `<service>:*` wildcards of a statement, for the services `include` selects, as `a:*, b:*`; undefined when none. */
export function serviceWildcards(s: PolicyStatement, include: (service: string) => boolean): string | undefined {
  const services = [...new Set(s.actions.map(serviceWideService).filter((x): x is string => x !== undefined && include(x)))].sort();
  return services.length ? services.map((x) => `${x}:*`).join(', ') : undefined;
}
