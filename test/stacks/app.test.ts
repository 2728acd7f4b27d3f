import * as path from 'path';
import { validateStack } from '../../src/terraform/run';
import { synthApp } from '../helpers/synth';

const STACKS = ['bootstrap', 'org', 'log-archive', 'security', 'dev', 'staging', 'prod'];
/** terraform validate of log-archive and security runs in accounts.test.ts. */
const VALIDATED_HERE = ['bootstrap', 'org', 'dev', 'staging', 'prod'];

describe('the app', () => {
  const { outdir, stacks } = synthApp();

  test('builds exactly the stacks bootstrap, org, log-archive, security, dev, staging and prod', () => {
    expect(Object.keys(stacks).sort()).toEqual([...STACKS].sort());
  });

  test.each(STACKS)('%s: provider assumes the deploy role, pins the account and sets default tags', (name) => {
    const provider = stacks[name].provider!.aws[0];
    expect(provider.assume_role[0].role_arn).toMatch(new RegExp(`^arn:aws:iam::${provider.allowed_account_ids[0]}:role/`));
    expect(provider.allowed_account_ids).toHaveLength(1);
    expect(Object.keys(provider.default_tags[0].tags).sort()).toEqual(['Compliance', 'CostCenter', 'DataClassification', 'Environment', 'Owner']);
  });

  test('each environment stack is tagged with its own name and account', () => {
    expect(stacks.prod.provider!.aws[0].default_tags[0].tags.Environment).toBe('prod');
    expect(stacks.prod.provider!.aws[0].allowed_account_ids).toEqual(['555555555555']);
    expect(stacks.dev.provider!.aws[0].allowed_account_ids).toEqual(['333333333333']);
  });

  // terraform init + validate on the real synthesised output, two stacks at a time.
  test('terraform validate passes on bootstrap, org and the environments', async () => {
    const queue = [...VALIDATED_HERE];
    const worker = async (): Promise<void> => {
      for (let s = queue.shift(); s; s = queue.shift()) await validateStack(path.join(outdir, 'stacks', s), s);
    };
    await Promise.all([worker(), worker()]);
  }, 300000);
});
