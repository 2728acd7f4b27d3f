import * as fs from 'fs';
import * as path from 'path';
import { ruleOutcomes, backupStatefulCovered, wafPublicLbWebAcl, backupVaultCmk, backupVaultLockedProduction } from '@rampart/policy';
import { buildApp } from '../../src/app';
import { config } from '../../config/rampart.config';
import { RampartConfig } from '../../config/types';
import { validateConfig } from '../../config/validate';
import { StackJson, resourcesOfType, synthApp, tempDir } from '../helpers/synth';

const all = (stack: StackJson, type: string) => Object.values(resourcesOfType(stack, type));

describe('backups, WAF and the image supply chain in the environment stacks', () => {
  const { stacks } = synthApp();

  test.each(['dev', 'staging', 'prod'])('%s: a vault under the backup key, plans for the classes in use, and the policy rules say compliant', (name) => {
    const stack = stacks[name];
    const [vault] = all(stack, 'aws_backup_vault');
    const backupKey = Object.keys(resourcesOfType(stack, 'aws_kms_key')).find((k) => k.startsWith('keys_backup_key_'));
    expect(vault).toMatchObject({ name: `acme-${name}-backup`, kms_key_arn: `\${aws_kms_key.${backupKey}.arn}` });
    const env = config.environments.find((e) => e.name === name)!;
    const classes = [...new Set([env.defaultDataClass, env.workload?.dataClass ?? env.defaultDataClass])].sort();
    expect(
      all(stack, 'aws_backup_plan')
        .map((p) => p.name)
        .sort(),
    ).toEqual(classes.map((c) => `acme-${name}-backup-${c}`));
    const facts = { stackName: name, production: env.production };
    expect(ruleOutcomes(backupVaultCmk, stack as any, facts).map((o) => o.outcome.status)).toEqual(['compliant']);
    expect(ruleOutcomes(wafPublicLbWebAcl, stack as any, facts).map((o) => o.outcome.status)).toEqual(['compliant']);
    if (env.workload?.database) {
      expect(
        ruleOutcomes(backupStatefulCovered, stack as any, facts)
          .filter((o) => o.outcome.status !== 'not-applicable')
          .map((o) => `${o.address}:${o.outcome.status}`),
      ).toEqual([expect.stringMatching(/^aws_db_instance\..*:compliant$/)]);
    }
  });

  test('prod: the vault is locked in compliance mode; dev: governance, reported', () => {
    const [prodLock] = all(stacks.prod, 'aws_backup_vault_lock_configuration');
    expect(prodLock).toMatchObject({ min_retention_days: 7, max_retention_days: 3650, changeable_for_days: 3 });
    expect(ruleOutcomes(backupVaultLockedProduction, stacks.prod as any, { stackName: 'prod', production: true }).map((o) => o.outcome.status)).toEqual(['compliant']);
    const [devLock] = all(stacks.dev, 'aws_backup_vault_lock_configuration');
    expect(devLock.changeable_for_days).toBeUndefined();
  });

  test('staging and prod test a restore of the workload database every week', () => {
    for (const name of ['staging', 'prod']) {
      const [sel] = all(stacks[name], 'aws_backup_restore_testing_selection');
      const [db] = Object.keys(resourcesOfType(stacks[name], 'aws_db_instance'));
      expect(sel.protected_resource_arns).toEqual([`\${aws_db_instance.${db}.arn}`]);
      expect(all(stacks[name], 'aws_backup_restore_testing_plan')[0].name).toBe(`acme_${name}_db_restore_test`);
    }
    expect(all(stacks.dev, 'aws_backup_restore_testing_plan')).toEqual([]);
  });

  test('the backup role carries the permission boundary like every role', () => {
    const role = Object.values(resourcesOfType(stacks.prod, 'aws_iam_role')).find((r) => r.name === 'acme-prod-backup-service')!;
    expect(role.permissions_boundary).toContain('aws_iam_policy.');
  });

  test('each workload has an ECR repository; the task runs its image by digest; only the GitHub deploy role may push', () => {
    const stack = stacks.prod;
    const [repo] = all(stack, 'aws_ecr_repository');
    expect(repo).toMatchObject({ name: 'acme-prod-app', image_tag_mutability: 'IMMUTABLE', image_scanning_configuration: { scan_on_push: true } });
    const piiKey = Object.keys(resourcesOfType(stack, 'aws_kms_key')).find((k) => k.startsWith('keys_pii_key_'));
    expect(repo.encryption_configuration[0].kms_key).toBe(`\${aws_kms_key.${piiKey}.arn}`);
    const [task] = all(stack, 'aws_ecs_task_definition');
    expect(JSON.parse(task.container_definitions)[0].image).toBe(`555555555555.dkr.ecr.eu-central-1.amazonaws.com/acme-prod-app@sha256:${'d'.repeat(64)}`);
    const github = Object.entries(resourcesOfType(stack, 'aws_iam_role')).find(([, r]) => r.name === 'acme-prod-github-deploy')![0];
    const pushPolicies = all(stack, 'aws_iam_role_policy').filter((p) => p.role === `\${aws_iam_role.${github}.name}` && p.policy.includes('ecr:PutImage'));
    expect(pushPolicies).toHaveLength(1);
    const statements = JSON.parse(pushPolicies[0].policy).Statement;
    expect(statements.find((s: any) => s.Action.includes('ecr:PutImage')).Resource).toMatch(/^\$\{aws_ecr_repository\..*\.arn\}$/);
    const repoPolicy = JSON.parse(all(stack, 'aws_ecr_repository_policy')[0].policy);
    expect(repoPolicy.Statement.find((s: any) => s.Sid === 'PushRoles').Principal.AWS).toEqual([`\${aws_iam_role.${github}.arn}`]);
  });

  test('the load balancer is behind the web ACL; the WAF log group is aws-waf-logs-*', () => {
    const [assoc] = all(stacks.prod, 'aws_wafv2_web_acl_association');
    expect(assoc.resource_arn).toMatch(/^\$\{aws_lb\..*\.arn\}$/);
    expect(all(stacks.prod, 'aws_cloudwatch_log_group').map((g) => g.name)).toContain('aws-waf-logs-acme-prod-app');
    expect(all(stacks.prod, 'aws_shield_protection')).toEqual([]);
  });
});

describe('config', () => {
  const withEnv = (patch: (e: any) => void): RampartConfig => {
    const c = JSON.parse(JSON.stringify(config));
    patch(c.environments[2]);
    return c;
  };
  const codes = (c: RampartConfig) => validateConfig(c).map((i) => `${i.path}:${i.code}`);

  test('the shipped config is valid', () => {
    expect(validateConfig(config)).toEqual([]);
  });
  test.each<[string, (e: any) => void, string]>([
    ['governance lock in production', (e) => (e.backup = { lockMode: 'governance' }), 'environments.prod.backup.lockMode:INSECURE'],
    ['max below min', (e) => (e.backup = { minRetentionDays: 30, maxRetentionDays: 10 }), 'environments.prod.backup.maxRetentionDays:OUT_OF_RANGE'],
    ['unknown backup field', (e) => (e.backup = { vault: 'x' }), 'environments.prod.backup.vault:UNKNOWN_FIELD'],
    [
      'copy into the same account and region',
      (e) => (e.backup = { copyToVaultArn: 'arn:aws:backup:eu-central-1:555555555555:backup-vault:same' }),
      'environments.prod.backup.copyToVaultArn:COPY_TARGET',
    ],
    ['bad copy ARN', (e) => (e.backup = { copyToVaultArn: 'arn:aws:s3:::bucket' }), 'environments.prod.backup.copyToVaultArn:ARN_FORMAT'],
    ['bad schedule', (e) => (e.backup = { schedule: 'rate(1 day)' }), 'environments.prod.backup.schedule:SCHEDULE_FORMAT'],
    ['image from another registry', (e) => (e.workload.image = `docker.io/library/nginx@sha256:${'a'.repeat(64)}`), 'environments.prod.workload.image:IMAGE_NOT_FROM_REPOSITORY'],
    ['opt-out without a reason', (e) => (e.workload.withoutWebAcl = { reason: '' }), 'environments.prod.workload.withoutWebAcl.reason:REASON_REQUIRED'],
    ['opt-out without an expiry', (e) => (e.workload.withoutWebAcl = { reason: 'CloudFront in front of it', owner: 'web' }), 'environments.prod.workload.withoutWebAcl.expires:REQUIRED'],
    [
      'opt-out with an impossible expiry',
      (e) => (e.workload.withoutWebAcl = { reason: 'CloudFront in front of it', owner: 'web', expires: '2026-02-30' }),
      'environments.prod.workload.withoutWebAcl.expires:DATE_FORMAT',
    ],
    ['rate limit too low', (e) => (e.workload.rateLimit = 1), 'environments.prod.workload.rateLimit:OUT_OF_RANGE'],
  ])('%s', (_name, patch, expected) => {
    expect(codes(withEnv(patch))).toContain(expected);
  });

  test('opt-outs: no web ACL and an external image are reported; Shield Advanced is protected on request', () => {
    const c = withEnv((e) => {
      e.workload.withoutWebAcl = { reason: 'CloudFront with its own web ACL in front', owner: 'web-team', expires: new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10) };
      e.workload.allowExternalImage = { reason: 'vendor image until the mirror exists' };
      e.workload.image = `docker.io/library/nginx@sha256:${'a'.repeat(64)}`;
      e.backup = { copyToVaultArn: 'arn:aws:backup:eu-central-1:666666666666:backup-vault:acme-archive', retentionDays: { pii: 60 } };
    });
    (c.environments[0] as any).workload = { ...c.environments[0].workload!, shieldAdvanced: true };
    expect(validateConfig(c)).toEqual([]);
    const outdir = tempDir('app-optouts');
    const { app } = buildApp(c, { outdir });
    app.synth();
    const prod = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'prod', 'cdk.tf.json'), 'utf8'));
    expect(resourcesOfType(prod, 'aws_wafv2_web_acl')).toEqual({});
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'prod', 'policy-report.json'), 'utf8'));
    expect(JSON.stringify(report)).toContain('workloads.alb-no-web-acl');
    expect(JSON.stringify(report)).toContain('workloads.external-image');
    expect(JSON.stringify(report)).toContain('waf-public-lb-web-acl');
    // Copies go to the other account's vault; the source keys admit that account through AWS Backup.
    const daily = Object.values(resourcesOfType(prod, 'aws_backup_plan')).map((p: any) => p.rule.find((r: any) => r.rule_name === 'daily'));
    expect(daily.every((r: any) => r.copy_action[0].destination_vault_arn.endsWith(':666666666666:backup-vault:acme-archive'))).toBe(true);
    expect(daily.find((r: any) => r.recovery_point_tags.DataClassification === 'pii').lifecycle.delete_after).toBe(60);
    const backupKey = Object.entries(resourcesOfType(prod, 'aws_kms_key')).find(([k]) => k.startsWith('keys_backup_key_'))![1];
    expect(JSON.parse(backupKey.policy).Statement.some((s: any) => s.Sid === 'BackupCopiesTo666666666666')).toBe(true);
    const dev = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'dev', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(resourcesOfType(dev, 'aws_shield_protection'))).toHaveLength(1);
  });
});

test('on the local emulator target: no selections or restore test, the backup role has no managed policies, and the database finding is suppressed', () => {
  const outdir = tempDir('app-local-backup');
  const { app } = buildApp(config, { outdir, deployment: { kind: 'local', endpoint: 'http://127.0.0.1:4566' } });
  app.synth();
  const staging = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'staging', 'cdk.tf.json'), 'utf8'));
  expect(resourcesOfType(staging, 'aws_backup_selection')).toEqual({});
  expect(resourcesOfType(staging, 'aws_backup_restore_testing_plan')).toEqual({});
  expect(Object.values(resourcesOfType(staging, 'aws_iam_role_policy_attachment')).filter((a: any) => a.policy_arn.includes('AWSBackup'))).toEqual([]);
  expect(Object.keys(resourcesOfType(staging, 'aws_backup_vault'))).toHaveLength(1);
  const report = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'staging', 'policy-report.json'), 'utf8'));
  expect(JSON.stringify(report)).toContain('backup-stateful-covered');
});
