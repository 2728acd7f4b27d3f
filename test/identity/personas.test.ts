import { collectOptOuts } from '@rampart/core';
import {
  ADMINISTRATOR_ACCESS_POLICY_ARN,
  BREAK_GLASS_BOUNDARY_EXEMPTION_REASON,
  BreakGlassRole,
  PERMISSION_BOUNDARY_OPT_OUT,
  CrossAccountDeployRole,
  DeveloperRole,
  PersonaRoles,
  SESSION_PRESETS,
  ssoRoleArnPattern,
  validateSessionHours,
} from '@rampart/identity';
import { resourcesOfType, synthStack, testStack } from '../helpers/synth';
import { issuesOf, warningsOf } from './util';

const devSet = { accountId: '123456789012', permissionSetName: 'Developer' };
const roleOf = (json: ReturnType<typeof synthStack>): any => Object.values(resourcesOfType(json, 'aws_iam_role'))[0];
const trustOf = (json: ReturnType<typeof synthStack>): any => JSON.parse(roleOf(json).assume_role_policy);

describe('session presets', () => {
  test('developer 8 h, CI 1 h (2 h at most), break-glass 1 h', () => {
    expect(SESSION_PRESETS).toEqual({
      developer: { defaultHours: 8, maxHours: 12 },
      ci: { defaultHours: 1, maxHours: 2 },
      breakGlass: { defaultHours: 1, maxHours: 1 },
    });
  });

  test.each([
    [0, 'OUT_OF_RANGE'],
    [13, 'OUT_OF_RANGE'],
    [1.5, 'OUT_OF_RANGE'],
    ['8', 'OUT_OF_RANGE'],
    [-1, 'OUT_OF_RANGE'],
  ])('%p hours is outside 1-12 (%s)', (hours, code) => {
    expect(validateSessionHours('sessionHours', hours)).toEqual(expect.objectContaining({ code, path: 'sessionHours', value: hours }));
  });

  test.each([1, 8, 12])('%p hours is a valid session length', (hours) => {
    expect(validateSessionHours('sessionHours', hours)).toBeUndefined();
  });

  test('persona maxima apply on top of 1-12', () => {
    expect(validateSessionHours('s', 12, 'developer')).toBeUndefined();
    expect(validateSessionHours('s', 3, 'ci')).toEqual(expect.objectContaining({ code: 'SESSION_TOO_LONG' }));
    expect(validateSessionHours('s', 2, 'breakGlass')).toEqual(expect.objectContaining({ code: 'SESSION_TOO_LONG' }));
  });
});

describe('DeveloperRole', () => {
  test('assumable only from the named SSO permission sets, 8 h sessions by default', () => {
    const json = synthStack((s) => PersonaRoles.developer(s, 'dev', { roleName: 'developer', ssoPermissionSets: [devSet] }));
    expect(roleOf(json).max_session_duration).toBe(8 * 3600);
    expect(trustOf(json).Statement).toEqual([
      {
        Sid: 'TrustSsoPermissionSets0',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::123456789012:root' },
        Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'],
        Condition: { ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_Developer_*'] } },
      },
    ]);
  });

  test('12 h is allowed, 13 h is not', () => {
    const json = synthStack((s) => new DeveloperRole(s, 'dev', { roleName: 'developer', ssoPermissionSets: [devSet], sessionHours: 12 }));
    expect(roleOf(json).max_session_duration).toBe(12 * 3600);
    const { stack } = testStack();
    expect(issuesOf(() => new DeveloperRole(stack, 'dev', { roleName: 'developer', ssoPermissionSets: [devSet], sessionHours: 13 }))).toEqual([
      expect.objectContaining({ code: 'OUT_OF_RANGE', path: 'sessionHours', value: 13 }),
    ]);
  });

  test('permission sets of several accounts get one statement per account', () => {
    const json = synthStack(
      (s) => new DeveloperRole(s, 'dev', { roleName: 'developer', ssoPermissionSets: [devSet, { accountId: '210987654321', permissionSetName: 'Dev' }, { ...devSet, permissionSetName: 'Ops' }] }),
    );
    const statements = trustOf(json).Statement;
    expect(statements).toHaveLength(2);
    expect(statements[0].Condition.ArnLike['aws:PrincipalArn']).toEqual([ssoRoleArnPattern(devSet), ssoRoleArnPattern({ ...devSet, permissionSetName: 'Ops' })]);
    expect(statements[1].Principal.AWS).toBe('arn:aws:iam::210987654321:root');
  });

  test.each([
    ['no permission set', [], 'REQUIRED', 'ssoPermissionSets'],
    ['a wildcard permission set', [{ accountId: '123456789012', permissionSetName: '*' }], 'NAME_FORMAT', 'ssoPermissionSets[0].permissionSetName'],
    ['a bad account id', [{ accountId: '42', permissionSetName: 'Dev' }], 'ACCOUNT_ID', 'ssoPermissionSets[0].accountId'],
  ])('%s is refused', (_t, sets, code, path) => {
    const { stack } = testStack();
    expect(issuesOf(() => new DeveloperRole(stack, 'dev', { roleName: 'developer', ssoPermissionSets: sets }))).toEqual([expect.objectContaining({ code, path })]);
  });
});

describe('BreakGlassRole', () => {
  test('one-hour sessions, administrator policy, SSO and MFA-only role trust', () => {
    const json = synthStack((s) =>
      PersonaRoles.breakGlass(s, 'bg', {
        roleName: 'acme-prod-break-glass',
        ssoPermissionSets: [{ accountId: '123456789012', permissionSetName: 'BreakGlass' }],
        trustedRoleArns: ['arn:aws:iam::123456789012:role/incident-responder'],
      }),
    );
    expect(roleOf(json).max_session_duration).toBe(3600);
    expect(Object.values(resourcesOfType(json, 'aws_iam_role_policy_attachment'))[0].policy_arn).toBe(ADMINISTRATOR_ACCESS_POLICY_ARN);
    const [sso, mfa] = trustOf(json).Statement;
    expect(sso.Condition.ArnLike['aws:PrincipalArn']).toEqual(['arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_BreakGlass_*']);
    expect(mfa).toEqual({
      Sid: 'TrustMfaRoleSessions',
      Effect: 'Allow',
      Principal: { AWS: ['arn:aws:iam::123456789012:role/incident-responder'] },
      Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'],
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    });
  });

  test('is exempted from the permission boundary with a recorded reason, unless given a boundary', () => {
    const { stack } = testStack();
    const exempt = new BreakGlassRole(stack, 'bg', {
      roleName: 'acme-prod-break-glass',
      trustedRoleArns: ['arn:aws:iam::123456789012:role/r'],
      boundaryExemptionReason: 'incident response runbook IR-7 needs it',
    });
    const bounded = new BreakGlassRole(stack, 'bounded', {
      roleName: 'acme-prod-break-glass-bounded',
      trustedRoleArns: ['arn:aws:iam::123456789012:role/r'],
      permissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/boundary',
    });
    expect(collectOptOuts(stack)).toEqual([expect.objectContaining({ id: PERMISSION_BOUNDARY_OPT_OUT, path: exempt.node.path, reason: 'incident response runbook IR-7 needs it' })]);
    expect(warningsOf(exempt)).toEqual([expect.stringContaining('(reason: incident response runbook IR-7 needs it)')]);
    expect(warningsOf(bounded)).toEqual([]);
  });

  test('the default exemption reason is the documented one; a short reason is refused', () => {
    const { stack } = testStack();
    const bg = new BreakGlassRole(stack, 'bg', { roleName: 'bg', trustedRoleArns: ['arn:aws:iam::123456789012:role/r'] });
    expect(collectOptOuts(stack)).toEqual([expect.objectContaining({ path: bg.node.path, reason: BREAK_GLASS_BOUNDARY_EXEMPTION_REASON })]);
    expect(issuesOf(() => new BreakGlassRole(stack, 'bg2', { roleName: 'bg2', trustedRoleArns: ['arn:aws:iam::123456789012:role/r'], boundaryExemptionReason: 'because' }))).toEqual([
      expect.objectContaining({ code: 'REASON_REQUIRED', path: 'boundaryExemptionReason' }),
    ]);
  });

  test('a session longer than one hour is refused', () => {
    const { stack } = testStack();
    expect(issuesOf(() => new BreakGlassRole(stack, 'bg', { roleName: 'bg', trustedRoleArns: ['arn:aws:iam::123456789012:role/r'], sessionHours: 2 }))).toEqual([
      expect.objectContaining({ code: 'SESSION_TOO_LONG', path: 'sessionHours' }),
    ]);
  });

  test('someone must be able to assume it, and only by exact role ARN', () => {
    const { stack } = testStack();
    expect(issuesOf(() => new BreakGlassRole(stack, 'bg', { roleName: 'bg' }))).toEqual([expect.objectContaining({ code: 'REQUIRED', path: 'ssoPermissionSets' })]);
    expect(issuesOf(() => new BreakGlassRole(stack, 'bg2', { roleName: 'bg', trustedRoleArns: ['arn:aws:iam::123456789012:role/*'] }))).toEqual([
      expect.objectContaining({ code: 'ARN_FORMAT', path: 'trustedRoleArns[0]' }),
    ]);
  });
});

describe('CrossAccountDeployRole', () => {
  const ciRole = { roleName: 'acme-tooling-github-deploy', roleArn: 'arn:aws:iam::999999999999:role/acme-tooling-github-deploy' };

  test('assumable by the CI role only, with CI session bounds', () => {
    const json = synthStack((s) => new CrossAccountDeployRole(s, 'x', { roleName: 'deploy', ciRoles: [ciRole] }));
    expect(roleOf(json).max_session_duration).toBe(3600);
    expect(trustOf(json).Statement).toEqual([{ Sid: 'TrustCiRoles', Effect: 'Allow', Principal: { AWS: [ciRole.roleArn] }, Action: ['sts:AssumeRole'] }]);
  });

  test('external id and source identity are required on every path when asked for', () => {
    const json = synthStack(
      (s) => new CrossAccountDeployRole(s, 'x', { roleName: 'deploy', ciRoles: [ciRole], ssoPermissionSets: [devSet], externalId: 'acme-deploy-7f3a', requireSourceIdentity: true }),
    );
    const statements = trustOf(json).Statement;
    expect(statements).toHaveLength(2);
    for (const st of statements) {
      expect(st.Action).toEqual(['sts:AssumeRole', 'sts:SetSourceIdentity']);
      expect(st.Condition.StringEquals).toEqual({ 'sts:ExternalId': 'acme-deploy-7f3a' });
      expect(st.Condition.Null).toEqual({ 'sts:SourceIdentity': 'false' });
    }
    expect(statements[1].Condition.ArnLike['aws:PrincipalArn']).toEqual([ssoRoleArnPattern(devSet)]);
  });

  test.each([
    ['nobody trusted', {}, 'REQUIRED', 'ciRoles'],
    ['a wildcard CI role', { ciRoles: [{ roleName: 'x', roleArn: 'arn:aws:iam::999999999999:role/*' }] }, 'ARN_FORMAT', 'ciRoles[0].roleArn'],
    ['a user instead of a role', { ciRoles: [{ roleName: 'x', roleArn: 'arn:aws:iam::999999999999:user/ci' }] }, 'ARN_FORMAT', 'ciRoles[0].roleArn'],
    ['a one-character external id', { ciRoles: [ciRole], externalId: 'x' }, 'EXTERNAL_ID', 'externalId'],
    ['a three-hour session', { ciRoles: [ciRole], sessionHours: 3 }, 'SESSION_TOO_LONG', 'sessionHours'],
  ])('%s is refused', (_t, extra, code, path) => {
    const { stack } = testStack();
    expect(issuesOf(() => new CrossAccountDeployRole(stack, 'x', { roleName: 'deploy', ...(extra as object) }))).toEqual([expect.objectContaining({ code, path })]);
  });
});
