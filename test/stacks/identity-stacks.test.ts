import * as path from 'path';
import { validateStack } from '../../src/terraform/run';
import { config } from '../../config/rampart.config';
import { resourcesOfType, synthApp } from '../helpers/synth';

describe('GitHub OIDC deploy role in each environment stack', () => {
  const { stacks } = synthApp();

  test.each(config.environments.map((e) => e.name))('%s: pinned to repo:<owner>/<repo>:environment:<env>, aud sts.amazonaws.com, 1 h', (name) => {
    const stack = stacks[name];
    const [provider] = Object.values(resourcesOfType(stack, 'aws_iam_openid_connect_provider'));
    expect(provider.url).toBe('https://token.actions.githubusercontent.com');
    expect(provider.client_id_list).toEqual(['sts.amazonaws.com']);
    const roles = Object.values(resourcesOfType(stack, 'aws_iam_role')).filter((r) => r.name === `acme-${name}-github-deploy`);
    expect(roles).toHaveLength(1);
    expect(roles[0].max_session_duration).toBe(3600);
    const trust = JSON.parse(roles[0].assume_role_policy);
    expect(trust.Statement).toHaveLength(1);
    expect(trust.Statement[0].Action).toBe('sts:AssumeRoleWithWebIdentity');
    expect(trust.Statement[0].Principal.Federated).toMatch(/^\$\{aws_iam_openid_connect_provider\.[^}]+\.arn\}$/);
    expect(trust.Statement[0].Condition).toEqual({
      StringEquals: {
        'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        'token.actions.githubusercontent.com:sub': [`repo:acme/infrastructure:environment:${name}`],
      },
    });
  });

  test('the role may only assume the environment deploy role', () => {
    const [policy] = Object.values(resourcesOfType(stacks.prod, 'aws_iam_role_policy')).filter((p) => p.name === 'assume-deploy-role');
    expect(JSON.parse(policy.policy).Statement).toEqual([
      { Sid: 'AssumeEnvironmentDeployRole', Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: 'arn:aws:iam::555555555555:role/rampart-deploy' },
    ]);
  });

  test('githubEnvironment overrides the GitHub environment name', () => {
    const c = JSON.parse(JSON.stringify(config)) as any;
    c.environments[2].githubEnvironment = 'Production';
    const { stacks: s } = synthApp(c);
    const [role] = Object.values(resourcesOfType(s.prod, 'aws_iam_role')).filter((r) => r.name === 'acme-prod-github-deploy');
    expect(JSON.parse(role.assume_role_policy).Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:sub']).toEqual(['repo:acme/infrastructure:environment:Production']);
  });

  test('the shared stacks hold no GitHub deploy role', () => {
    expect(resourcesOfType(stacks.org, 'aws_iam_openid_connect_provider')).toEqual({});
    expect(resourcesOfType(stacks.bootstrap, 'aws_iam_openid_connect_provider')).toEqual({});
  });
});

describe('org stack', () => {
  test('with manageOrganization it creates the organisation with SCPs enabled and attaches the catalogue to its root', () => {
    const { stacks } = synthApp();
    const org = Object.values(resourcesOfType(stacks.org, 'aws_organizations_organization'));
    expect(org).toHaveLength(1);
    expect(org[0].feature_set).toBe('ALL');
    expect(org[0].enabled_policy_types).toEqual(['SERVICE_CONTROL_POLICY']);
    const policies = Object.values(resourcesOfType(stacks.org, 'aws_organizations_policy'));
    expect(policies).toHaveLength(4);
    // Four Rampart SCPs + FullAWSAccess: within AWS's five per target.
    expect(Object.values(resourcesOfType(stacks.org, 'aws_organizations_policy_attachment'))).toHaveLength(4);
    for (const p of policies) expect(p.depends_on).toEqual(['aws_organizations_organization.organization']);
    for (const a of Object.values(resourcesOfType(stacks.org, 'aws_organizations_policy_attachment'))) expect(a.target_id).toBe('${aws_organizations_organization.organization.roots[0].id}');
    const regions = policies.find((p) => p.name === 'acme-org-scp-regions')!;
    expect(JSON.parse(regions.content).Statement[0].Condition.StringNotEquals['aws:RequestedRegion']).toEqual(config.org.allowedRegions);
    for (const p of policies) expect(JSON.parse(p.content).Statement[0].Condition.ArnNotLike['aws:PrincipalArn']).toEqual([config.org.guardrails.breakGlassRolePattern]);
  });

  test('without manageOrganization it attaches to the configured OUs and accounts of an existing organisation; terraform validate passes', async () => {
    const c = JSON.parse(JSON.stringify(config));
    c.org.manageOrganization = false;
    c.org.guardrails = { ...c.org.guardrails, targetIds: ['ou-ab12-cdef3456', '555555555555'], mfaProtectedActions: ['iam:DeleteRole'] };
    const { outdir, stacks } = synthApp(c);
    expect(resourcesOfType(stacks.org, 'aws_organizations_organization')).toEqual({});
    const targets = Object.values(resourcesOfType(stacks.org, 'aws_organizations_policy_attachment')).map((a) => a.target_id);
    expect(targets).toHaveLength(8);
    expect(new Set(targets)).toEqual(new Set(['ou-ab12-cdef3456', '555555555555']));
    const mfa = Object.values(resourcesOfType(stacks.org, 'aws_organizations_policy')).find((p) => p.name === 'acme-org-scp-mfa')!;
    expect(JSON.parse(mfa.content).Statement[0].Action).toEqual(['iam:DeleteRole']);
    await validateStack(path.join(outdir, 'stacks', 'org'), 'org');
  }, 120000);
});
