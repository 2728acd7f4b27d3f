import { Testing, TerraformStack } from 'cdktf';
import { collectOptOuts } from '@rampart/core';
import {
  GITHUB_OIDC_THUMBPRINTS,
  GithubOidcDeployRole,
  GithubOidcProvider,
  PersonaRoles,
  WILDCARD_SUBJECT_OPT_OUT,
  githubBranchSubject,
  githubEnvironmentSubject,
  githubTagSubject,
  validateGithubSubject,
} from '@rampart/identity';
import { resourcesOfType, synthStack, testStack } from '../helpers/synth';
import { issuesOf, warningsOf } from './util';

const repo = { owner: 'acme', repository: 'infrastructure' };
const trustOf = (json: ReturnType<typeof synthStack>): any => JSON.parse(Object.values(resourcesOfType(json, 'aws_iam_role'))[0].assume_role_policy);

describe('GithubOidcProvider', () => {
  test('trusts token.actions.githubusercontent.com with the single client id sts.amazonaws.com', () => {
    const json = synthStack((s) => new GithubOidcProvider(s, 'gh'));
    const [provider] = Object.values(resourcesOfType(json, 'aws_iam_openid_connect_provider'));
    expect(provider.url).toBe('https://token.actions.githubusercontent.com');
    expect(provider.client_id_list).toEqual(['sts.amazonaws.com']);
    expect(provider.thumbprint_list).toEqual([...GITHUB_OIDC_THUMBPRINTS]);
  });

  test('fromAccount refers to the provider an account already holds', () => {
    expect(GithubOidcProvider.fromAccount('123456789012').providerArn).toBe('arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com');
    expect(issuesOf(() => GithubOidcProvider.fromAccount('1234'))).toEqual([expect.objectContaining({ code: 'ACCOUNT_ID', path: 'accountId' })]);
  });

  test('a malformed thumbprint is refused', () => {
    const { stack } = testStack();
    expect(issuesOf(() => new GithubOidcProvider(stack, 'gh', { thumbprints: ['xyz'] }))).toEqual([expect.objectContaining({ code: 'THUMBPRINT', path: 'thumbprints[0]' })]);
  });
});

describe('GithubOidcDeployRole', () => {
  const provider = { providerArn: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' };

  test('trust requires aud = sts.amazonaws.com and a sub pinned to repository and environment, both StringEquals', () => {
    const json = synthStack((s) => new GithubOidcDeployRole(s, 'deploy', { roleName: 'deploy', provider, subjects: [githubEnvironmentSubject(repo, 'prod')] }));
    const trust = trustOf(json);
    expect(trust.Statement).toEqual([
      {
        Sid: 'GithubActionsPinnedSubjects',
        Effect: 'Allow',
        Principal: { Federated: provider.providerArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:sub': ['repo:acme/infrastructure:environment:prod'],
          },
        },
      },
    ]);
    expect(JSON.stringify(trust)).not.toContain('StringLike');
  });

  test('branch and tag subjects are exact too', () => {
    expect(githubBranchSubject(repo, 'main')).toBe('repo:acme/infrastructure:ref:refs/heads/main');
    expect(githubTagSubject(repo, 'v1.2.0')).toBe('repo:acme/infrastructure:ref:refs/tags/v1.2.0');
    const json = synthStack((s) => new GithubOidcDeployRole(s, 'deploy', { roleName: 'deploy', provider, subjects: [githubBranchSubject(repo, 'main'), githubTagSubject(repo, 'v1.2.0')] }));
    expect(trustOf(json).Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:sub']).toEqual([
      'repo:acme/infrastructure:ref:refs/heads/main',
      'repo:acme/infrastructure:ref:refs/tags/v1.2.0',
    ]);
  });

  test('sessions last 1 h by default (the CI preset)', () => {
    const json = synthStack((s) => new GithubOidcDeployRole(s, 'deploy', { roleName: 'deploy', provider, subjects: [githubEnvironmentSubject(repo, 'prod')] }));
    expect(Object.values(resourcesOfType(json, 'aws_iam_role'))[0].max_session_duration).toBe(3600);
  });

  test('2 h is the longest CI session; 3 h is refused', () => {
    const json = synthStack((s) => new GithubOidcDeployRole(s, 'deploy', { roleName: 'deploy', provider, subjects: [githubEnvironmentSubject(repo, 'prod')], sessionHours: 2 }));
    expect(Object.values(resourcesOfType(json, 'aws_iam_role'))[0].max_session_duration).toBe(7200);
    const { stack } = testStack();
    expect(issuesOf(() => new GithubOidcDeployRole(stack, 'deploy', { roleName: 'deploy', provider, subjects: [githubEnvironmentSubject(repo, 'prod')], sessionHours: 3 }))).toEqual([
      expect.objectContaining({ code: 'SESSION_TOO_LONG', path: 'sessionHours', value: 3 }),
    ]);
  });

  test('inline and managed policies are attached to the role', () => {
    const json = synthStack(
      (s) =>
        new GithubOidcDeployRole(s, 'deploy', {
          roleName: 'deploy',
          provider,
          subjects: [githubEnvironmentSubject(repo, 'prod')],
          managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
          inlinePolicies: { assume: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::123456789012:role/x' }] } },
        }),
    );
    const [inline] = Object.values(resourcesOfType(json, 'aws_iam_role_policy'));
    expect(inline.name).toBe('assume');
    expect(JSON.parse(inline.policy).Statement[0].Action).toBe('sts:AssumeRole');
    expect(Object.values(resourcesOfType(json, 'aws_iam_role_policy_attachment'))[0].policy_arn).toBe('arn:aws:iam::aws:policy/ReadOnlyAccess');
  });

  // GIVEN a subject that admits any repository or any ref WHEN no opt-in THEN a typed error
  test.each([
    ['any ref of the repository', 'repo:acme/infrastructure:*'],
    ['any repository of the owner', 'repo:acme/*'],
    ['any branch', 'repo:acme/infrastructure:ref:refs/heads/*'],
    ['one-character wildcard', 'repo:acme/infrastructur?:environment:prod'],
  ])('%s (%s) is refused with WILDCARD_SUBJECT', (_title, subject) => {
    const { stack } = testStack();
    expect(issuesOf(() => new GithubOidcDeployRole(stack, 'deploy', { roleName: 'deploy', provider, subjects: [subject] }))).toEqual([
      expect.objectContaining({ code: 'WILDCARD_SUBJECT', path: 'subjects[0]', value: subject }),
    ]);
    expect(resourcesOfTypeInTree(stack)).toBe(0);
  });

  test.each([['*'], ['repo:*'], ['repo:*/infrastructure:environment:prod'], ['repo:ac*/x:ref:refs/heads/main']])(
    'a subject that does not name the owner (%s) is refused even with the opt-in',
    (subject) => {
      const { stack } = testStack();
      const optIn = { reason: 'shared deploy role for the whole estate' };
      expect(issuesOf(() => new GithubOidcDeployRole(stack, 'deploy', { roleName: 'deploy', provider, subjects: [subject], allowWildcardSubjects: optIn }))).toEqual([
        expect.objectContaining({ code: 'WILDCARD_OWNER', path: 'subjects[0]' }),
      ]);
    },
  );

  test('with the explicit opt-in a pattern is accepted with StringLike, warned about and recorded', () => {
    const { stack } = testStack();
    const role = new GithubOidcDeployRole(stack, 'deploy', {
      roleName: 'deploy',
      provider,
      subjects: [githubEnvironmentSubject(repo, 'prod'), 'repo:acme/*:environment:prod'],
      allowWildcardSubjects: { reason: 'every service repository deploys its own stack' },
    });
    const trust = JSON.parse(Object.values(resourcesOfType(JSON.parse(Testing.synth(stack as TerraformStack)), 'aws_iam_role'))[0].assume_role_policy);
    expect(trust.Statement).toHaveLength(2);
    expect(trust.Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:sub']).toEqual(['repo:acme/infrastructure:environment:prod']);
    expect(trust.Statement[1].Condition).toEqual({
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      StringLike: { 'token.actions.githubusercontent.com:sub': ['repo:acme/*:environment:prod'] },
    });
    expect(warningsOf(role)).toEqual([expect.stringContaining(`[${WILDCARD_SUBJECT_OPT_OUT}] role deploy trusts GitHub subject pattern(s) repo:acme/*:environment:prod`)]);
    expect(warningsOf(role)[0]).toContain('(reason: every service repository deploys its own stack)');
    expect(collectOptOuts(stack)).toEqual([expect.objectContaining({ id: WILDCARD_SUBJECT_OPT_OUT, path: 'test/deploy' })]);
  });

  test('the opt-in needs a real reason', () => {
    const { stack } = testStack();
    expect(issuesOf(() => new GithubOidcDeployRole(stack, 'deploy', { roleName: 'deploy', provider, subjects: ['repo:acme/*'], allowWildcardSubjects: { reason: 'because' } }))).toEqual([
      expect.objectContaining({ code: 'REASON_REQUIRED', path: 'allowWildcardSubjects.reason' }),
    ]);
  });

  test('without a wildcard there is no warning', () => {
    const { stack } = testStack();
    const role = new GithubOidcDeployRole(stack, 'deploy', { roleName: 'deploy', provider, subjects: [githubEnvironmentSubject(repo, 'prod')] });
    expect(warningsOf(role)).toEqual([]);
  });

  test.each([
    ['no subjects', [], 'REQUIRED', 'subjects'],
    ['a subject without environment or ref', ['repo:acme/infrastructure'], 'GITHUB_SUBJECT', 'subjects[0]'],
    ['a pull-request subject', ['repo:acme/infrastructure:pull_request'], 'GITHUB_SUBJECT', 'subjects[0]'],
    ['a bad owner name', ['repo:-acme/infrastructure:environment:prod'], 'GITHUB_NAME', 'subjects[0]'],
  ])('%s is refused', (_title, subjects, code, path) => {
    const { stack } = testStack();
    expect(issuesOf(() => new GithubOidcDeployRole(stack, 'deploy', { roleName: 'deploy', provider, subjects }))).toEqual([expect.objectContaining({ code, path })]);
  });

  test('every bad prop is reported together, before any resource is created', () => {
    const { stack } = testStack();
    const issues = issuesOf(() => new GithubOidcDeployRole(stack, 'deploy', { roleName: 'no spaces allowed', provider, subjects: ['repo:acme/*'], sessionHours: 0 }));
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['ROLE_NAME', 'roleName'],
      ['OUT_OF_RANGE', 'sessionHours'],
      ['WILDCARD_SUBJECT', 'subjects[0]'],
    ]);
    expect(resourcesOfTypeInTree(stack)).toBe(0);
  });

  test('PersonaRoles.ci builds the same role', () => {
    const { stack } = testStack();
    expect(PersonaRoles.ci(stack, 'ci', { roleName: 'ci', provider, subjects: [githubEnvironmentSubject(repo, 'dev')] })).toBeInstanceOf(GithubOidcDeployRole);
  });

  test('validateGithubSubject skips unresolved tokens', () => {
    const { stack } = testStack();
    const provider2 = new GithubOidcProvider(stack, 'gh');
    expect(validateGithubSubject('s', provider2.providerArn)).toBeUndefined();
  });
});

function resourcesOfTypeInTree(stack: import('constructs').IConstruct): number {
  return stack.node.findAll().filter((c) => (c as any).terraformResourceType === 'aws_iam_role').length;
}
