import { Aspects, TerraformStack, Testing } from 'cdktf';
import { IamAccessKey } from '@cdktf/provider-aws/lib/iam-access-key';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { IamUserLoginProfile } from '@cdktf/provider-aws/lib/iam-user-login-profile';
import { Construct } from 'constructs';
import { NoIamUsersAspect } from '@rampart/identity';
import { buildApp } from '../../src/app';
import { config } from '../../src/config/rampart.config';
import { tempDir, testStack } from '../helpers/synth';

function guarded(): TerraformStack {
  const { stack } = testStack();
  Aspects.of(stack).add(new NoIamUsersAspect());
  return stack;
}

describe('NoIamUsersAspect', () => {
  test('an IAM user fails synth', () => {
    const stack = guarded();
    new IamUser(stack, 'bob', { name: 'bob' });
    expect(() => Testing.synth(stack, true)).toThrow(/\[IAM_USER\] aws_iam_user bob \(test\/bob\) is forbidden/);
  });

  test('an access key fails synth', () => {
    const stack = guarded();
    new IamAccessKey(stack, 'key', { user: 'ci-bot' });
    expect(() => Testing.synth(stack, true)).toThrow(/\[IAM_USER\] aws_iam_access_key key/);
  });

  test('a login profile fails synth', () => {
    const stack = guarded();
    new IamUserLoginProfile(new Construct(stack, 'deep'), 'console', { user: 'alice' });
    expect(() => Testing.synth(stack, true)).toThrow(/\[IAM_USER\] aws_iam_user_login_profile .*\(test\/deep\/console\)/);
  });

  test('all offenders of a stack are listed together', () => {
    const stack = guarded();
    const user = new IamUser(stack, 'bot', { name: 'bot' });
    new IamAccessKey(stack, 'bot-key', { user: user.name });
    let message = '';
    try {
      Testing.synth(stack, true);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/aws_iam_user bot/);
    expect(message).toMatch(/aws_iam_access_key bot-key/);
  });

  test.each(['bootstrap', 'org', 'dev', 'staging', 'prod'])('is applied to the %s stack of the app', (name) => {
    const { app, stacks } = buildApp(config, { outdir: tempDir('users') });
    const all: Record<string, Construct> = { bootstrap: stacks.bootstrap, org: stacks.org, ...stacks.environments };
    new IamUser(all[name], 'legacy', { name: 'legacy' });
    expect(() => app.synth()).toThrow(/\[IAM_USER\] aws_iam_user legacy/);
  });
});
