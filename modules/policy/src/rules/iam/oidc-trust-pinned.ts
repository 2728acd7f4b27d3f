import { StackContext } from '../../context';
import { PolicyStatement } from '../../policy-document';
import { NOT_APPLICABLE, outcomes, PolicyResource, PolicyRule, RuleOutcome, violation } from '../../types';
import { webIdentityStatements } from './iam-helpers';

const GITHUB_HOST = 'token.actions.githubusercontent.com';

/** GitHub's issuer, or a GitHub Enterprise Cloud issuer `token.actions.githubusercontent.com/<enterprise>`. */
export function isGithubIssuer(host: string | undefined): boolean {
  return host !== undefined && (host === GITHUB_HOST || /^token\.actions\.githubusercontent\.com\/[A-Za-z0-9_.-]+$/.test(host));
}

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

const WILDCARD = /[*?]/;

/** Opt-out id the identity module records when a GitHub deploy role accepts subject patterns. */
export const GITHUB_WILDCARD_SUBJECT_OPT_OUT = 'identity.github-oidc.wildcard-subject';

/**
 * A GitHub subject that names one repository and one environment, branch, tag or other context
 * literally: `repo:<owner>/<repo>:<context>` with no `*` or `?` anywhere.
 */
export function isPinnedGithubSubject(sub: string): boolean {
  if (WILDCARD.test(sub)) return false;
  return /^repo:[^/:]+\/[^/:]+:.+$/.test(sub);
}

/**
 * A subject of another OIDC provider whose namespace and name are literal. For Kubernetes
 * service accounts (`system:serviceaccount:<namespace>:<name>`) those are the last two parts;
 * any other subject must be fully literal.
 */
export function isPinnedSubject(sub: string): boolean {
  if (sub.length === 0) return false;
  const sa = /^system:serviceaccount:([^:]*):([^:]*)$/.exec(sub);
  if (sa) return sa[1].length > 0 && sa[2].length > 0 && !WILDCARD.test(sa[1]) && !WILDCARD.test(sa[2]);
  return !WILDCARD.test(sub);
}

/** Web-identity trust policies pin both the audience and the subject. */
export const iamOidcTrustPinned: PolicyRule = {
  id: 'iam-oidc-trust-pinned',
  title: 'OIDC (web identity) trust policies require aud (StringEquals) and a literal sub (StringEquals for GitHub)',
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
      const sub = s.conditions.filter(keyMatches('sub'));
      const github = isGithubIssuer(host);
      if (sub.length === 0) {
        found.push(violation(`${finding} does not restrict the subject (${host ?? '<provider>'}:sub)`, { finding }));
        return;
      }
      const loose: string[] = [];
      for (const c of sub) {
        if (c.values.length === 0) loose.push(`${c.test} with no value`);
        for (const v of c.values) {
          if (github) {
            // GitHub: a literal repo:<owner>/<repo>:<context> under StringEquals. Anything else (StringLike
            // patterns such as repo:o/r:ref:*, other operators) is reported, also when the identity
            // module recorded the opt-out; a reasoned exception is a suppression of this finding.
            if (c.test !== 'StringEquals' || !isPinnedGithubSubject(v)) loose.push(`${c.test} "${v}"`);
          } else if (!['StringEquals', 'StringLike'].includes(c.test) || !isPinnedSubject(v)) {
            loose.push(`${c.test} "${v}"`);
          }
        }
      }
      if (loose.length) {
        const hint = github
          ? `pin each subject literally under StringEquals (repo:<owner>/<repo>:environment:<env>); a deliberate pattern (opt-out ${GITHUB_WILDCARD_SUBJECT_OPT_OUT}) needs a suppression of finding "${finding}" with a reason, owner and expiry`
          : undefined;
        found.push(violation(`${finding} does not pin the subject: ${loose.join(', ')} admits more than one workload`, { finding, ...(hint ? { hint } : {}) }));
      }
    });
    return outcomes(found);
  },
};
