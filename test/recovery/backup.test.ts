import { collectOptOuts, RampartValidationError, RampartValidationErrors } from '@rampart/core';
import { DataClassKey } from '@rampart/encryption';
import {
  BackupCopyTargetVault,
  BackupRetentionPolicy,
  BackupServiceRole,
  BackupVault,
  DataClassBackupPlans,
  DatabaseRestoreTesting,
  MINIMUM_BACKUP_RETENTION_DAYS,
  copyDestinationKeyStatement,
} from '@rampart/recovery';
import { Construct } from 'constructs';
import { testStack } from '../helpers/synth';
import { errorOf, only, synth, testKey, warnings } from '../workloads/fixtures';

const NAMES = { prefix: 'acme', environment: 'dev' };
const ACCOUNT = '123456789012';

function setup(vaultProps: Partial<ConstructorParameters<typeof BackupVault>[2]> = {}) {
  const { stack } = testStack();
  const key = testKey(stack, 'backup');
  const vault = new BackupVault(stack, 'vault', { name: 'acme-dev-backup', key, ...vaultProps });
  const role = new BackupServiceRole(stack, 'role', { name: 'acme-dev-backup-service', accountId: ACCOUNT });
  return { stack, key, vault, role };
}

function resources(json: any, type: string): Record<string, any>[] {
  return Object.values(json.resource?.[type] ?? {});
}

describe('BackupRetentionPolicy (the one backup retention table)', () => {
  test('gives each data class its days, and continuous points at most 35', () => {
    const p = BackupRetentionPolicy.DEFAULT;
    expect(p.toTable()).toEqual(MINIMUM_BACKUP_RETENTION_DAYS);
    expect(p.retentionDays('financial')).toBe(365);
    expect(p.continuousDays('financial')).toBe(35);
    expect(p.continuousDays('public')).toBe(7);
  });
  test('takes longer values, refuses shorter ones and unknown classes', () => {
    expect(new BackupRetentionPolicy({ pii: 60 }).retentionDays('pii')).toBe(60);
    expect(errorOf(() => new BackupRetentionPolicy({ pii: 10 }))).toMatchObject({ code: 'RETENTION_BELOW_MINIMUM', path: 'backupRetention.pii' });
    const e = errorOf(() => new BackupRetentionPolicy({ secret: 40 } as any));
    expect(e).toBeInstanceOf(RampartValidationError);
    expect(e.code).toBe('ENUM');
  });
});

describe('BackupVault', () => {
  test('is encrypted with the backup key and locked in governance mode outside production (reported)', () => {
    const { stack, key } = setup();
    const json = synth(stack);
    expect(only(json, 'aws_backup_vault')).toMatchObject({ name: 'acme-dev-backup', kms_key_arn: expect.stringContaining('aws_kms_key.key-backup') });
    const lock = only(json, 'aws_backup_vault_lock_configuration');
    expect(lock).toMatchObject({ min_retention_days: 7, max_retention_days: 3650 });
    expect(lock.changeable_for_days).toBeUndefined();
    expect(collectOptOuts(stack).map((o) => o.id)).toEqual(['recovery.vault-lock-governance']);
    expect(key.purpose).toBe('backup');
  });
  test('production: compliance mode with the configured bounds; anything else is refused', () => {
    const { stack } = setup({ production: true, lock: { minRetentionDays: 14, maxRetentionDays: 400, changeableForDays: 5 } });
    expect(only(synth(stack), 'aws_backup_vault_lock_configuration')).toMatchObject({ min_retention_days: 14, max_retention_days: 400, changeable_for_days: 5 });
    expect(collectOptOuts(stack)).toEqual([]);
    expect(errorOf(() => setup({ production: true, lock: { mode: 'governance' } }))).toMatchObject({ code: 'INSECURE', path: 'lock.mode' });
  });
  test('mode none: no lock, reported as recovery.vault-lock-off', () => {
    const { stack, vault } = setup({ lock: { mode: 'none' } });
    expect(synth(stack).resource!.aws_backup_vault_lock_configuration).toBeUndefined();
    expect(vault.retentionBounds).toBeUndefined();
    expect(warnings(stack).some((w) => w.includes('[recovery.vault-lock-off]'))).toBe(true);
  });
  test.each([
    [{ key: 'logs' }, 'KEY_PURPOSE', 'key'],
    [{ name: 'bad name!' }, 'NAME_FORMAT', 'name'],
    [{ lock: { minRetentionDays: 30, maxRetentionDays: 10 } }, 'OUT_OF_RANGE', 'lock.maxRetentionDays'],
    [{ lock: { changeableForDays: 1 } }, 'OUT_OF_RANGE', 'lock.changeableForDays'],
  ])('rejects %j', (props: any, code, path) => {
    const { stack } = testStack();
    const key = testKey(stack, props.key ?? 'backup');
    expect(errorOf(() => new BackupVault(stack, 'v', { name: 'acme-dev-backup', ...props, key }))).toMatchObject({ code, path });
  });
});

describe('BackupServiceRole', () => {
  test('only AWS Backup for this account may assume it; it holds the managed backup and restore policies', () => {
    const { stack } = setup();
    const json = synth(stack);
    const role = only(json, 'aws_iam_role');
    const trust = JSON.parse(role.assume_role_policy);
    expect(trust.Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } }]);
    expect(
      resources(json, 'aws_iam_role_policy_attachment')
        .map((a) => a.policy_arn.replace(/^.*:policy\//, ''))
        .sort(),
    ).toEqual([
      'AWSBackupServiceRolePolicyForS3Backup',
      'AWSBackupServiceRolePolicyForS3Restore',
      'service-role/AWSBackupServiceRolePolicyForBackup',
      'service-role/AWSBackupServiceRolePolicyForRestores',
    ]);
  });
});

describe('DataClassBackupPlans', () => {
  function plans(props: Partial<ConstructorParameters<typeof DataClassBackupPlans>[2]> = {}, vaultProps = {}) {
    const s = setup(vaultProps);
    const p = new DataClassBackupPlans(s.stack, 'plans', { names: NAMES, vault: s.vault, role: s.role, accountId: ACCOUNT, region: 'eu-central-1', dataClasses: ['internal', 'pii'], ...props });
    return { ...s, plans: p, json: synth(s.stack) };
  }

  test('one plan per data class with the table retention, continuous and daily rules', () => {
    const { json } = plans();
    const byName = Object.fromEntries(resources(json, 'aws_backup_plan').map((p) => [p.name, p]));
    expect(Object.keys(byName).sort()).toEqual(['acme-dev-backup-internal', 'acme-dev-backup-pii']);
    const pii = byName['acme-dev-backup-pii'].rule;
    expect(pii.map((r: any) => [r.rule_name, r.enable_continuous_backup ?? false, r.lifecycle.delete_after])).toEqual([
      ['continuous', true, 35],
      ['daily', false, 35],
    ]);
    expect(byName['acme-dev-backup-internal'].rule[1].recovery_point_tags).toEqual({ DataClassification: 'internal' });
  });

  test('selects databases and tables by DataClassification, buckets only with Backup=true', () => {
    const { json } = plans();
    const sels = resources(json, 'aws_backup_selection');
    expect(sels).toHaveLength(4);
    const db = sels.find((s) => s.name === 'acme-dev-backup-pii-databases')!;
    expect(db.resources).toEqual(['arn:aws:rds:eu-central-1:123456789012:db:*', 'arn:aws:rds:eu-central-1:123456789012:cluster:*', 'arn:aws:dynamodb:eu-central-1:123456789012:table/*']);
    expect(db.condition[0].string_equals).toEqual([{ key: 'aws:ResourceTag/DataClassification', value: 'pii' }]);
    const buckets = sels.find((s) => s.name === 'acme-dev-backup-pii-buckets')!;
    expect(buckets.resources).toEqual(['arn:aws:s3:::*']);
    expect(buckets.condition[0].string_equals).toContainEqual({ key: 'aws:ResourceTag/Backup', value: 'true' });
    expect(db.iam_role_arn).toContain('aws_iam_role.role_');
  });

  test('copies daily points to another account or region, and refuses the same vault location', () => {
    const target = 'arn:aws:backup:eu-west-1:999999999999:backup-vault:acme-archive';
    const { json } = plans({ copyTo: { vaultArn: target } });
    const daily = resources(json, 'aws_backup_plan')[0].rule.find((r: any) => r.rule_name === 'daily');
    expect(daily.copy_action).toEqual([{ destination_vault_arn: target, lifecycle: { delete_after: 35 } }]);
    expect(errorOf(() => plans({ copyTo: { vaultArn: 'arn:aws:backup:eu-central-1:123456789012:backup-vault:same' } }))).toMatchObject({ code: 'COPY_TARGET' });
    expect(errorOf(() => plans({ copyTo: { vaultArn: 'not-an-arn' } }))).toMatchObject({ code: 'ARN_FORMAT', path: 'copyTo.vaultArn' });
  });

  test('every retention must fit the vault lock', () => {
    expect(errorOf(() => plans({ dataClasses: ['financial'] }, { lock: { maxRetentionDays: 100 } }))).toMatchObject({ code: 'RETENTION_OUTSIDE_LOCK', path: 'retention.financial', value: 365 });
    expect(errorOf(() => plans({ dataClasses: ['public'] }, { lock: { minRetentionDays: 30 } }))).toMatchObject({ code: 'RETENTION_OUTSIDE_LOCK', path: 'retention.public' });
  });

  test('continuous backup off is a reported opt-out; no selections is a warning', () => {
    const { stack, json } = plans({ disableContinuousBackup: true, createSelections: false });
    expect(resources(json, 'aws_backup_plan')[0].rule.map((r: any) => r.rule_name)).toEqual(['daily']);
    expect(json.resource!.aws_backup_selection).toBeUndefined();
    expect(collectOptOuts(stack).map((o) => o.id)).toContain('recovery.continuous-backup-off');
    expect(warnings(stack).some((w) => w.includes('[recovery.no-selections]'))).toBe(true);
  });
});

describe('DatabaseRestoreTesting', () => {
  test('restores the latest recovery point of the database into the data tier on a schedule', () => {
    const { stack, vault, role } = setup();
    new DatabaseRestoreTesting(stack, 'rt', {
      name: 'acme_dev_db_restore_test',
      vault,
      role,
      database: { instanceArn: 'arn:aws:rds:eu-central-1:123456789012:db:acme-dev-app-db', subnetGroupName: 'acme-dev-app-db', securityGroupIds: ['sg-1'] },
    });
    const json = synth(stack);
    const plan = only(json, 'aws_backup_restore_testing_plan');
    expect(plan).toMatchObject({ name: 'acme_dev_db_restore_test', schedule_expression: 'cron(0 5 ? * SUN *)' });
    expect(plan.recovery_point_selection[0]).toMatchObject({ algorithm: 'LATEST_WITHIN_WINDOW', recovery_point_types: ['CONTINUOUS', 'SNAPSHOT'], selection_window_days: 7 });
    const sel = only(json, 'aws_backup_restore_testing_selection');
    expect(sel).toMatchObject({ protected_resource_type: 'RDS', protected_resource_arns: ['arn:aws:rds:eu-central-1:123456789012:db:acme-dev-app-db'], validation_window_hours: 2 });
    expect(sel.restore_metadata_overrides.dbsubnetgroupname).toBe('acme-dev-app-db');
    expect(sel.restore_metadata_overrides.vpcsecuritygroupids).toContain('jsonencode');
  });
  test('rejects a name with hyphens and a bad schedule', () => {
    const { stack, vault, role } = setup();
    const database = { instanceArn: 'arn', subnetGroupName: 'g', securityGroupIds: [] };
    expect(errorOf(() => new DatabaseRestoreTesting(stack, 'a', { name: 'acme-dev', vault, role, database }))).toMatchObject({ code: 'NAME_FORMAT' });
    expect(errorOf(() => new DatabaseRestoreTesting(stack, 'b', { name: 'ok', vault, role, database, schedule: 'rate(1 day)' }))).toMatchObject({ code: 'SCHEDULE_FORMAT' });
  });
});

describe('cross-account copies', () => {
  test('the source key admits the destination account through AWS Backup only', () => {
    expect(copyDestinationKeyStatement('999999999999')).toMatchObject({
      Principal: { AWS: 'arn:aws:iam::999999999999:root' },
      Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:CreateGrant'],
      Condition: { StringLike: { 'kms:ViaService': 'backup.*.amazonaws.com' } },
    });
    expect(errorOf(() => copyDestinationKeyStatement('12'))).toMatchObject({ code: 'ACCOUNT_ID' });
  });
  test('the target vault admits the source accounts in its access policy and its key policy', () => {
    const { stack } = testStack();
    const key = new DataClassKey(stack, 'backup-key', {
      names: { prefix: 'acme', environment: 'archive' },
      purpose: 'backup',
      adminRoleArn: 'arn:aws:iam::999999999999:role/admin',
      accountId: '999999999999',
      region: 'eu-west-1',
    });
    new BackupCopyTargetVault(stack, 'copies', { name: 'acme-archive', key, sourceAccountIds: ['333333333333', '555555555555'] });
    const json = synth(stack);
    const access = JSON.parse(only(json, 'aws_backup_vault_policy').policy);
    expect(access.Statement).toEqual([
      { Sid: 'CopyFromSourceAccounts', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::333333333333:root', 'arn:aws:iam::555555555555:root'] }, Action: 'backup:CopyIntoBackupVault', Resource: '*' },
    ]);
    const keyPolicy = JSON.parse(only(json, 'aws_kms_key').policy);
    expect(keyPolicy.Statement.find((s: any) => s.Sid === 'BackupCopiesFromSourceAccounts').Principal.AWS).toHaveLength(2);
    expect(errorOf(() => new BackupCopyTargetVault(new Construct(stack, 'x'), 'c', { name: 'n1', key, sourceAccountIds: [] }))).toMatchObject({ code: 'REQUIRED' });
  });
});

test('RampartValidationErrors collects several retention problems at once', () => {
  expect(errorOf(() => new BackupRetentionPolicy({ pii: 1, health: 2 }))).toBeInstanceOf(RampartValidationErrors);
});

test('BackupServiceRole without managed policies (emulator) warns that it can do nothing', () => {
  const { stack } = testStack();
  new BackupServiceRole(stack, 'role', { name: 'acme-dev-backup-service', accountId: ACCOUNT, attachManagedPolicies: false });
  expect(synth(stack).resource!.aws_iam_role_policy_attachment).toBeUndefined();
  expect(warnings(stack).some((w) => w.includes('[recovery.backup-role-without-policies]'))).toBe(true);
});
