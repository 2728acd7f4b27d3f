import { StackContext } from '../../context';
import { PolicyStatement } from '../../policy-document';
import { NOT_APPLICABLE, outcomes, PolicyResource, PolicyRule, RuleOutcome, violation } from '../../types';
import { webIdentityStatements } from './iam-helpers';

const GITHUB_HOST = 'token.actions.githubusercontent.com';

/** The OIDC provider host of a federated principal (from its ARN or the referenced provider's url). */
function providerHost(s: PolicyStatement, ctx: StackContext): string | undefined {
  for (const p of s.principals.filter((x) => x.type === 'Federated')) {
    for (const id of p.identifiers) {
      const arn = /oidc-provider\/(.+)$/.exec(id);
      if (arn && !arn[1].includes('${')) return arn[1];
      const provider = ctx.resolve(id);
      const url = provider?.attributes.url;
      if (typeof url === 'string' && !url.includes('${')) return url.replace(/^https:\/\//, '');
    }
  }
  return undefined;
}

/** A GitHub subject that names one repository and an environment, branch, tag or other non-wildcard context. */
export function isPinnedGithubSubject(sub: string): boolean {
  const m = /^repo:([^/:]+)\/([^/:]+):(.+)$/.exec(sub);
  if (!m) return false;
  const [, org, repo, rest] = m;
  if (org.includes('*') || repo.includes('*') || org.includes('?') || repo.includes('?')) return false;
  return rest !== '*' && !rest.startsWith('*') && rest.length > 0;
}

/** Web-identity trust policies pin both the audience and the subject. */
export const iamOidcTrustPinned: PolicyRule = {
  id: 'iam-oidc-trust-pinned',
  title: 'OIDC (web identity) trust policies require aud (StringEquals) and a pinned sub',
  area: 'iam',
  severity: 'critical',
  suppressible: true,
  mappings: { checkov: ['CKV_AWS_358'] },
  hint: 'add StringEquals "<host>:aud" = "sts.amazonaws.com" and "<host>:sub" = "repo:<org>/<repo>:environment:<env>" (or :ref:refs/heads/<branch>)',
  resourceTypes: ['aws_iam_role'],
  check(role: PolicyResource, ctx: StackContext) {
    const statements = webIdentityStatements(role, ctx);
    if (statements.length === 0) return NOT_APPLICABLE;
    const found: RuleOutcome[] = [];
    statements.forEach((s, i) => {
      const finding = s.sid ?? `statement-${i}`;
      const host = providerHost(s, ctx);
      const keyMatches = (suffix: string) => (c: { variable: string }) => (host ? c.variable === `${host}:${suffix}` : c.variable.endsWith(`:${suffix}`));
      const aud = s.conditions.filter(keyMatches('aud'));
      if (!aud.some((c) => c.test === 'StringEquals' && c.values.length > 0 && c.values.every((v) => !v.includes('*')))) {
        found.push(violation(`${finding} does not require the audience with StringEquals on ${host ?? '<provider>'}:aud`, { finding }));
      }
      const sub = s.conditions.filter(keyMatches('sub')).filter((c) => ['StringEquals', 'StringLike'].includes(c.test));
      const values = sub.flatMap((c) => c.values);
      if (values.length === 0) {
        found.push(violation(`${finding} does not restrict the subject (${host ?? '<provider>'}:sub)`, { finding }));
      } else {
        const loose = values.filter((v) => v === '*' || (host === GITHUB_HOST ? !isPinnedGithubSubject(v) : false));
        if (loose.length) found.push(violation(`${finding} admits any repository or ref through subject ${loose.map((v) => `"${v}"`).join(', ')}`, { finding }));
      }
    });
    return outcomes(found);
  },
};
