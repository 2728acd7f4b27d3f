import { synthError } from '../helpers/assertions';
import { App } from 'cdktf';
import { IamAccessKey } from '@cdktf/provider-aws/lib/iam-access-key';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { IamUserLoginProfile } from '@cdktf/provider-aws/lib/iam-user-login-profile';
import { Construct } from 'constructs';
import { RampartStack } from '@rampart/baseline';
import { RampartPolicy, todayUtc } from '@rampart/policy';
import { buildApp } from '../../src/app';
import { config } from '../../config/rampart.config';
import { tempDir, testStack } from '../helpers/synth';

// IAM users are judged by the policy rules iam-no-users (users, login profiles) and
// iam-no-access-keys (access keys), which every RampartStack runs at synth.

function rampartStack(): RampartStack {
  const app = new App({ outdir: tempDir('users'), stackTraces: false });
  return new RampartStack(app, 'svc', {
    prefix: 'acme',
    target: { accountId: '111111111111', region: 'eu-central-1', deployRoleArn: 'arn:aws:iam::111111111111:role/acme-deploy' },
    tags: { environment: 'dev', owner: 'team', costCenter: 'cc-1', compliance: 'none', dataClassification: 'internal' },
  });
}

describe('no IAM users (policy rules iam-no-users, iam-no-access-keys)', () => {
  test('a RampartStack without users passes', () => {
    expect(synthError(rampartStack())).toBe('');
  });

  test('an IAM user fails synth with the rule id, address and construct path', () => {
    const stack = rampartStack();
    new IamUser(stack, 'bob', { name: 'bob' });
    expect(synthError(stack)).toMatch(/\[iam-no-users\] aws_iam_user\.bob at svc\/bob: the stack creates an IAM user/);
  });

  test('an access key fails synth', () => {
    const stack = rampartStack();
    new IamAccessKey(stack, 'key', { user: 'ci-bot' });
    expect(synthError(stack)).toMatch(/\[iam-no-access-keys\] aws_iam_access_key\.key at svc\/key: the stack creates a long-lived IAM access key/);
  });

  test('a login profile deep in the tree fails synth', () => {
    const stack = rampartStack();
    new IamUserLoginProfile(new Construct(stack, 'deep'), 'console', { user: 'alice' });
    expect(synthError(stack)).toMatch(/\[iam-no-users\] aws_iam_user_login_profile\.\S+ at svc\/deep\/console: the stack gives an IAM user a console password/);
  });

  test('all offenders of a stack are listed together', () => {
    const stack = rampartStack();
    const user = new IamUser(stack, 'bot', { name: 'bot' });
    new IamAccessKey(stack, 'bot-key', { user: user.name });
    const message = synthError(stack);
    expect(message).toMatch(/\[iam-no-users\] aws_iam_user\.bot /);
    expect(message).toMatch(/\[iam-no-access-keys\] aws_iam_access_key\.bot-key /);
  });

  test('a plain TerraformStack under RampartPolicy.apply fails the same way', () => {
    const { stack } = testStack();
    RampartPolicy.apply(stack, { writeReport: false });
    new IamUser(stack, 'bob', { name: 'bob' });
    expect(synthError(stack)).toMatch(/policy rampart-baseline: \[iam-no-users\] aws_iam_user\.bob at test\/bob/);
  });

  test('neither rule can be suppressed, in code or by address', () => {
    const stack = rampartStack();
    const user = new IamUser(stack, 'bob', { name: 'bob' });
    const exception = { reason: 'vendor tool needs a user', owner: 'platform', expires: todayUtc() };
    expect(() => RampartPolicy.suppress(user, { ruleId: 'iam-no-users', ...exception })).toThrow(expect.objectContaining({ issue: expect.objectContaining({ code: 'UNSUPPRESSIBLE_RULE' }) }));
    const key = new IamAccessKey(stack, 'key', { user: 'bob' });
    expect(() => RampartPolicy.suppress(key, { ruleId: 'iam-no-access-keys', ...exception })).toThrow(expect.objectContaining({ issue: expect.objectContaining({ code: 'UNSUPPRESSIBLE_RULE' }) }));
    const { stack: plain } = testStack();
    expect(() => RampartPolicy.apply(plain, { suppressions: [{ address: 'aws_iam_user.bob', ruleId: 'iam-no-users', ...exception }] })).toThrow(/this rule can never be suppressed/);
  });

  test.each(['bootstrap', 'org', 'dev', 'staging', 'prod'])('is judged in the %s stack of the app', (name) => {
    const { app, stacks } = buildApp(config, { outdir: tempDir('users') });
    const all: Record<string, Construct> = { bootstrap: stacks.bootstrap, org: stacks.org, ...stacks.environments };
    new IamUser(all[name], 'legacy', { name: 'legacy' });
    expect(() => app.synth()).toThrow(/\[iam-no-users\] aws_iam_user\.legacy /);
  });
});
