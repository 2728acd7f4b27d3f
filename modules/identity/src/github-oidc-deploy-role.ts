import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Construct } from 'constructs';
import { IRoleGrantee, ValidationIssue, assertAllValid, reportOptOut, PolicyDocument, PolicyStatement } from '@rampart/core';
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_HOST, subjectKind, validateGithubSubject } from './github';
import { IGithubOidcProvider } from './github-oidc-provider';
import { validateReason } from './iam-validators';
import { RoleCommonProps, commonRoleIssues, createRoleResources } from './role-resources';

/** Opt-in for subject patterns. */
export interface WildcardSubjectOptIn {
  /** Why the role must trust more than one repository or ref (at least 10 characters). */
  readonly reason: string;
}

/** Properties of {@link GithubOidcDeployRole}. */
export interface GithubOidcDeployRoleProps extends RoleCommonProps {
  /** The account's GitHub OIDC provider. */
  readonly provider: IGithubOidcProvider;
  /**
   * Token subjects the role trusts, each pinned to one repository and one environment, branch or
   * tag. Build them with `githubEnvironmentSubject` / `githubBranchSubject` / `githubTagSubject`.
   */
  readonly subjects: readonly string[];
  /**
   * Accept subjects with `*` or `?` (any repository of the owner, or any ref). Records the opt-out
   * `identity.github-oidc.wildcard-subject`. Patterns that do not name the owner stay refused.
   * @default - patterns are refused with WILDCARD_SUBJECT
   */
  readonly allowWildcardSubjects?: WildcardSubjectOptIn;
}

/** Id of the opt-out recorded when wildcard subjects are accepted. */
export const WILDCARD_SUBJECT_OPT_OUT = 'identity.github-oidc.wildcard-subject';

/**
 * The CI persona: a role that GitHub Actions workflows assume with their OIDC token
 * (`sts:AssumeRoleWithWebIdentity`), no static keys involved. The trust policy requires
 * `aud` = `sts.amazonaws.com` (StringEquals) and a `sub` pinned to one repository and one
 * environment, branch or tag (StringEquals). Sessions last 1 h by default and at most 2 h.
 */
export class GithubOidcDeployRole extends Construct implements IRoleGrantee {
  public readonly roleName: string;
  public readonly roleArn: string;
  public readonly role: IamRole;
  /** The trust policy as written to `assume_role_policy`. */
  public readonly trustPolicy: PolicyDocument;
  /** Session length in hours. */
  public readonly sessionHours: number;

  constructor(scope: Construct, id: string, props: GithubOidcDeployRoleProps) {
    super(scope, id);
    const allowPatterns = props.allowWildcardSubjects !== undefined;
    const issues: Array<ValidationIssue | undefined> = [...commonRoleIssues(props, 'ci')];
    if (!Array.isArray(props.subjects) || props.subjects.length === 0) {
      issues.push({ code: 'REQUIRED', path: 'subjects', value: props.subjects, rule: 'must list at least one subject' });
    } else {
      props.subjects.forEach((s, i) => issues.push(validateGithubSubject(`subjects[${i}]`, s, allowPatterns)));
    }
    if (allowPatterns) issues.push(validateReason('allowWildcardSubjects.reason', props.allowWildcardSubjects?.reason));
    assertAllValid(issues, `Invalid GithubOidcDeployRole ${this.node.path}`);

    const subjects = props.subjects ?? [];
    const exact = subjects.filter((s) => subjectKind(s) === 'exact');
    const patterns = subjects.filter((s) => subjectKind(s) === 'pattern');
    const audience = { [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE };
    const sub = `${GITHUB_OIDC_HOST}:sub`;
    const statement = (sid: string, condition: PolicyStatement['Condition']): PolicyStatement => ({
      Sid: sid,
      Effect: 'Allow',
      Principal: { Federated: props.provider.providerArn },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: condition,
    });
    const trust: PolicyStatement[] = [];
    if (exact.length > 0) trust.push(statement('GithubActionsPinnedSubjects', { StringEquals: { ...audience, [sub]: exact } }));
    if (patterns.length > 0) {
      trust.push(statement('GithubActionsSubjectPatterns', { StringEquals: audience, StringLike: { [sub]: patterns } }));
      reportOptOut(this, {
        id: WILDCARD_SUBJECT_OPT_OUT,
        message: `role ${props.roleName} trusts GitHub subject pattern(s) ${patterns.join(', ')}: any matching repository or ref can assume it`,
        reason: props.allowWildcardSubjects?.reason,
      });
    }

    const made = createRoleResources(this, props, 'ci', trust, 'CI deploy role assumed by GitHub Actions through OIDC');
    this.role = made.role;
    this.trustPolicy = made.trustPolicy;
    this.sessionHours = made.sessionHours;
    this.roleName = made.role.name;
    this.roleArn = made.role.arn;
  }
}
