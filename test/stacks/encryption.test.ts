import { Testing } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { buildApp } from '../../src/app';
import { config } from '../../config/rampart.config';
import { resourcesOfType, synthApp, tempDir } from '../helpers/synth';

describe('keys and secrets in the stacks', () => {
  const { stacks } = synthApp();

  test.each(['dev', 'staging', 'prod'])('%s: one key per data class with the configured admin role, and the database credential secret', (name) => {
    const env = config.environments.find((e) => e.name === name)!;
    const aliases = Object.values(resourcesOfType(stacks[name], 'aws_kms_alias'))
      .map((a) => a.name)
      .sort();
    // A workload's class gets its own key too (its image repository is encrypted with it): dev's workload is internal.
    const workloadKey = env.workload?.dataClass === 'internal' ? ['internal'] : [];
    expect(aliases).toEqual(['backup', 'financial', 'health', ...workloadKey, 'logs', 'pii', 'restricted', 'secrets'].map((p) => `alias/acme-${name}-${p}`));
    for (const key of Object.values(resourcesOfType(stacks[name], 'aws_kms_key'))) {
      expect(key.enable_key_rotation).toBe(true);
      const admin = JSON.parse(key.policy).Statement.find((s: any) => s.Sid === 'KeyAdministration');
      expect(admin.Principal.AWS).toBe(env.keyAdminRoleArn);
    }
    const secrets = Object.values(resourcesOfType(stacks[name], 'aws_secretsmanager_secret'));
    expect(secrets).toEqual([expect.objectContaining({ name: `acme-${name}-app-db-credentials`, recovery_window_in_days: 30 })]);
    const secretsKey = Object.keys(resourcesOfType(stacks[name], 'aws_kms_key')).find((k) => k.startsWith('keys_secrets_key_'));
    expect(secrets[0].kms_key_id).toBe(`\${aws_kms_key.${secretsKey}.arn}`);
  });

  test('no stack holds a secret value: no secret_string, only generated write-only values, no data source reading a secret', () => {
    const versionsPerStack = Object.fromEntries(Object.entries(stacks).map(([name, stack]) => [name, Object.keys(resourcesOfType(stack, 'aws_secretsmanager_secret_version')).length]));
    expect(versionsPerStack).toEqual({ bootstrap: 0, org: 0, 'log-archive': 0, security: 0, dev: 1, staging: 1, prod: 1 });
    for (const name of ['dev', 'staging', 'prod']) {
      const [secretName] = Object.keys(resourcesOfType(stacks[name], 'aws_secretsmanager_secret'));
      const [v] = Object.values(resourcesOfType(stacks[name], 'aws_secretsmanager_secret_version'));
      expect(v.secret_id).toBe(`\${aws_secretsmanager_secret.${secretName}.id}`);
      expect(v.secret_string).toBeUndefined();
      expect(v.secret_string_wo).toMatch(/^\$\{jsonencode\(\{"username" = "app", "password" = ephemeral\.aws_secretsmanager_random_password\.[^.]+\.random_password\}\)\}$/);
      expect(JSON.stringify(stacks[name])).not.toMatch(/"secret_string"/);
    }
    for (const stack of Object.values(stacks)) {
      expect(Object.keys(stack.data ?? {}).filter((t) => /secretsmanager_secret_version|ssm_parameter/.test(t))).toEqual([]);
    }
  });

  test('the org stack has only the logs key, which admits no trail (the trail uses the log-archive key); the bootstrap stack none from this module', () => {
    expect(Object.values(resourcesOfType(stacks.org, 'aws_kms_alias')).map((a) => a.name)).toEqual(['alias/acme-org-logs']);
    const orgStatements = JSON.parse(Object.values(resourcesOfType(stacks.org, 'aws_kms_key'))[0].policy).Statement;
    expect(orgStatements.find((s: any) => s.Sid === 'KeyAdministration').Principal.AWS).toBe(config.org.keyAdminRoleArn);
    expect(JSON.stringify(orgStatements)).not.toContain('cloudtrail.amazonaws.com');
    expect(resourcesOfType(stacks.bootstrap, 'aws_secretsmanager_secret')).toEqual({});
  });

  test('without a log-archive account the org logs key admits CloudTrail for the organisation trail only', () => {
    const optOut: any = JSON.parse(JSON.stringify(config));
    delete optOut.logArchive;
    delete optOut.security;
    optOut.accounts = { separateLogArchiveAndSecurity: false, reason: 'single-account pilot, audit account pending' };
    const { app, stacks: built } = buildApp(optOut, { outdir: tempDir('org-keys') });
    app.synth();
    const org = JSON.parse(Testing.synth(built.org));
    const statements = JSON.parse(Object.values(resourcesOfType(org, 'aws_kms_key'))[0].policy).Statement;
    expect(statements.find((s: any) => s.Sid === 'CloudTrailEncryptLogs').Condition).toEqual({
      StringEquals: { 'aws:SourceArn': `arn:aws:cloudtrail:${config.org.region}:111111111111:trail/acme-org-audit-trail` },
      StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:111111111111:trail/*' },
    });
    expect(statements.find((s: any) => s.Sid === 'CloudTrailDescribeKey').Condition).toEqual({
      StringEquals: { 'aws:SourceArn': `arn:aws:cloudtrail:${config.org.region}:111111111111:trail/acme-org-audit-trail` },
    });
  });

  test('the data-class binding check runs on every stack', () => {
    const { app, stacks: built } = buildApp(config, { outdir: tempDir('binding') });
    new CloudwatchLogGroup(built.environments.prod, 'customer-log', {
      name: '/acme/prod/customers',
      retentionInDays: 365,
      kmsKeyId: built.environments.prod.keys.key('logs').keyArn,
      tags: { DataClassification: 'pii' },
    });
    expect(() => app.synth()).toThrow(/aws_cloudwatch_log_group\.customer-log .* holds pii data but is encrypted with the logs key alias\/acme-prod-logs/);
  });
});
