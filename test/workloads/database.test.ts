import * as fs from 'fs';
import * as path from 'path';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { RampartValidationError, collectOptOuts } from '@rampart/core';
import { Construct } from 'constructs';
import { EncryptedDatabase, EncryptedDatabaseProps, SnapshotBackupRole, SnapshotBackupRoleProps } from '@rampart/workloads';
import { tempDir } from '../helpers/synth';
import { errorOf, fixture, only, synth, TestNetwork, warnings } from './fixtures';

/** The props of a valid pii database on the fixture's keys and network. */
function baseProps(f: ReturnType<typeof fixture>): EncryptedDatabaseProps {
  return { identifier: 'shop-db', dataClass: 'pii', dataKey: f.keys.pii, secretsKey: f.keys.secrets, network: f.network, securityGroups: f.network };
}

function database(overrides: Partial<EncryptedDatabaseProps> = {}) {
  const f = fixture();
  const db = new EncryptedDatabase(f.stack, 'db', { ...baseProps(f), ...overrides });
  return { ...f, db };
}

describe('EncryptedDatabase', () => {
  describe('defaults (not production)', () => {
    const { stack } = database();
    const json = synth(stack);
    const db = only(json, 'aws_db_instance');

    test('in the data subnets through a subnet group, not public, db security group only', () => {
      const group = only(json, 'aws_db_subnet_group');
      expect(group.subnet_ids).toHaveLength(2);
      for (const s of group.subnet_ids) expect(s).toMatch(/^\$\{aws_subnet\.network_data-/);
      expect(db.db_subnet_group_name).toMatch(/^\$\{aws_db_subnet_group\./);
      expect(db.publicly_accessible).toBe(false);
      expect(db.vpc_security_group_ids).toEqual([expect.stringMatching(/^\$\{aws_security_group\.network_sg-db_/)]);
    });

    test('storage encrypted with the data-class key', () => {
      expect(db.storage_encrypted).toBe(true);
      expect(db.kms_key_id).toBe('${aws_kms_key.key-pii.arn}');
      expect(db.tags).toEqual({ DataClassification: 'pii' });
    });

    test('master password managed by RDS under the secrets key; no password in Terraform', () => {
      expect(db.manage_master_user_password).toBe(true);
      expect(db.master_user_secret_kms_key_id).toBe('${aws_kms_key.key-secrets.arn}');
      expect(db.password).toBeUndefined();
      expect(JSON.stringify(json)).not.toMatch(/"password"/);
    });

    test('IAM authentication on; Performance Insights encrypted', () => {
      expect(db.iam_database_authentication_enabled).toBe(true);
      expect(db.performance_insights_enabled).toBe(true);
      expect(db.performance_insights_kms_key_id).toBe('${aws_kms_key.key-pii.arn}');
    });

    test('the RSA-2048 CA, major upgrades never automatic, storage autoscaling to twice the allocation', () => {
      expect(db.ca_cert_identifier).toBe('rds-ca-rsa2048-g1');
      expect(db.allow_major_version_upgrade).toBe(false);
      expect([db.allocated_storage, db.max_allocated_storage, db.storage_type]).toEqual([20, 40, 'gp3']);
    });

    test('a parameter group forces TLS (postgres rds.force_ssl=1)', () => {
      const pg = only(json, 'aws_db_parameter_group');
      expect(pg.family).toBe('postgres16');
      expect(pg.parameter).toEqual([{ name: 'rds.force_ssl', value: '1', apply_method: 'immediate' }]);
      expect(db.parameter_group_name).toMatch(/^\$\{aws_db_parameter_group\./);
    });

    test('7-day backups, tags copied to snapshots, automatic minor upgrades, single AZ, no deletion protection, no final snapshot', () => {
      expect(db.backup_retention_period).toBe(7);
      expect(db.copy_tags_to_snapshot).toBe(true);
      expect(db.auto_minor_version_upgrade).toBe(true);
      expect(db.multi_az).toBe(false);
      expect(db.deletion_protection).toBe(false);
      expect(db.skip_final_snapshot).toBe(true);
      expect(db.final_snapshot_identifier).toBeUndefined();
    });
  });

  describe('production', () => {
    const { stack } = database({ production: true });
    const db = only(synth(stack), 'aws_db_instance');

    test('deletion protection, a final snapshot, multi-AZ, 30-day backups, automated backups kept', () => {
      expect(db.deletion_protection).toBe(true);
      expect(db.skip_final_snapshot).toBe(false);
      expect(db.final_snapshot_identifier).toBe('shop-db-final');
      expect(db.multi_az).toBe(true);
      expect(db.backup_retention_period).toBe(30);
      expect(db.delete_automated_backups).toBe(false);
    });

    test('single AZ and no deletion protection in production are reported opt-outs', () => {
      const f = database({ production: true, multiAz: false, deletionProtection: false });
      const ids = collectOptOuts(f.stack)
        .map((o) => o.id)
        .sort();
      expect(ids).toEqual(['workloads.db-deletion-protection-off', 'workloads.db-single-az']);
      expect(warnings(f.stack)).toHaveLength(2);
    });

    test('fewer than 30 backup days in production are rejected', () => {
      expect(errorOf(() => database({ production: true, backupRetentionDays: 14 }))).toMatchObject({ code: 'BACKUP_RETENTION', path: 'backupRetentionDays', value: 14 });
    });
  });

  test('storage ceiling: 200 GiB allocated defaults to 400; an explicit ceiling above the allocation is kept', () => {
    expect(only(synth(database({ allocatedStorageGiB: 200 }).stack), 'aws_db_instance')).toMatchObject({ allocated_storage: 200, max_allocated_storage: 400 });
    expect(only(synth(database({ allocatedStorageGiB: 40000 }).stack), 'aws_db_instance').max_allocated_storage).toBe(65536);
    expect(only(synth(database({ allocatedStorageGiB: 200, maxAllocatedStorageGiB: 1000 }).stack), 'aws_db_instance').max_allocated_storage).toBe(1000);
  });

  test('a wrong logs key is rejected before anything is created', () => {
    const f = fixture();
    const e = errorOf(() => new EncryptedDatabase(f.stack, 'db', { ...baseProps(f), logsKey: f.keys.secrets }));
    expect(e).toMatchObject({ code: 'KEY_PURPOSE', path: 'logsKey' });
    expect(f.stack.node.tryFindChild('db')!.node.children).toHaveLength(0);
  });

  test('mysql: require_secure_transport=ON and its own family and port', () => {
    const { stack } = database({ engine: 'mysql', engineVersion: '8.0' });
    const json = synth(stack);
    expect(only(json, 'aws_db_parameter_group')).toMatchObject({ family: 'mysql8.0', parameter: [{ name: 'require_secure_transport', value: 'ON', apply_method: 'immediate' }] });
    expect(only(json, 'aws_db_instance')).toMatchObject({ engine: 'mysql', port: 3306 });
  });

  test('exported logs go to pre-created encrypted log groups kept per data class', () => {
    const f = fixture();
    new EncryptedDatabase(f.stack, 'db', {
      identifier: 'shop-db',
      dataClass: 'pii',
      dataKey: f.keys.pii,
      secretsKey: f.keys.secrets,
      logsKey: f.keys.logs,
      network: f.network,
      securityGroups: f.network,
    });
    const json = synth(f.stack);
    const groups = Object.values(json.resource!.aws_cloudwatch_log_group) as any[];
    expect(groups.map((g) => g.name).sort()).toEqual(['/aws/rds/instance/shop-db/postgresql', '/aws/rds/instance/shop-db/upgrade']);
    for (const g of groups) expect(g).toMatchObject({ kms_key_id: '${aws_kms_key.key-logs.arn}', retention_in_days: 365 });
    const db = only(json, 'aws_db_instance');
    expect(db.enabled_cloudwatch_logs_exports).toEqual(['postgresql', 'upgrade']);
    expect(db.depends_on).toHaveLength(2);
  });

  test('grantConnect allows rds-db:connect as one user of this instance only', () => {
    const f = database();
    const role = new IamRole(f.stack, 'app-role', { name: 'app', assumeRolePolicy: '{}' });
    f.db.grantConnect({ roleName: role.name, roleArn: role.arn }, 'app_user');
    const policy = only(synth(f.stack), 'aws_iam_role_policy');
    expect(policy.role).toBe('${aws_iam_role.app-role.name}');
    const doc = JSON.parse(policy.policy);
    expect(doc.Statement).toEqual([
      { Sid: 'ConnectAsOneUser', Effect: 'Allow', Action: 'rds-db:connect', Resource: expect.stringMatching(/:rds-db:.*:dbuser:\$\{aws_db_instance\..*\.resource_id\}\/app_user$/) },
    ]);
    expect(errorOf(() => f.db.grantConnect({ roleName: 'r', roleArn: 'a' }, 'app user'))).toMatchObject({ code: 'NAME_FORMAT', path: 'dbUser' });
  });

  describe('grantConnect addresses', () => {
    /** A role granted `app_user` on the fixture's database; returns the role's resource name. */
    function grant(f: ReturnType<typeof database>, roleId: string): string {
      const role = new IamRole(f.stack, roleId, { name: roleId, assumeRolePolicy: '{}' });
      f.db.grantConnect({ roleName: role.name, roleArn: role.arn }, 'app_user');
      return roleId;
    }
    /**
     * The database's policies by construct id, each with its address in the synthesised JSON and
     * the role it is attached to there. Fails when a policy is missing from the JSON.
     */
    function connectPolicies(f: ReturnType<typeof database>, json: ReturnType<typeof synth>): Record<string, { address: string; role: string }> {
      const policies = f.db.node.children.filter((c): c is IamRolePolicy => c instanceof IamRolePolicy);
      return Object.fromEntries(
        policies.map((p) => {
          const synthesised = json.resource?.aws_iam_role_policy?.[p.friendlyUniqueId];
          if (!synthesised) throw new Error(`${p.node.path} is not in the synthesised JSON`);
          return [p.node.id, { address: `aws_iam_role_policy.${p.friendlyUniqueId}`, role: synthesised.role }];
        }),
      );
    }

    test.each([0, 1, 3])('the policy is `connect-app_user` whatever else the database construct has (%i extra children)', (extra) => {
      const f = database();
      for (let i = 0; i < extra; i++) new Construct(f.db, `extra-${i}`);
      grant(f, 'app-role');
      const json = synth(f.stack);
      expect(Object.keys(json.resource!.aws_iam_role_policy)).toHaveLength(1);
      const policies = connectPolicies(f, json);
      expect(Object.keys(policies)).toEqual(['connect-app_user']);
      expect(f.db.node.findChild('connect-app_user').node.path).toMatch(/\/db\/connect-app_user$/);
      // Same address as with no extra children.
      expect(policies['connect-app_user'].address).toMatch(/^aws_iam_role_policy\.db_connect-app_user_[0-9A-F]{8}$/);
    });

    test('the address is the same with and without extra children', () => {
      const plain = database();
      grant(plain, 'app-role');
      const crowded = database();
      for (let i = 0; i < 3; i++) new Construct(crowded.db, `extra-${i}`);
      grant(crowded, 'app-role');
      expect(Object.keys(synth(crowded.stack).resource!.aws_iam_role_policy)).toEqual(Object.keys(synth(plain.stack).resource!.aws_iam_role_policy));
    });

    test('the same user granted to two roles: connect-app_user, then connect-app_user-grant-2', () => {
      const f = database();
      grant(f, 'first');
      grant(f, 'second');
      const policies = connectPolicies(f, synth(f.stack));
      expect(Object.keys(policies)).toEqual(['connect-app_user', 'connect-app_user-grant-2']);
      expect(policies['connect-app_user'].role).toBe('${aws_iam_role.first.name}');
      expect(policies['connect-app_user-grant-2'].role).toBe('${aws_iam_role.second.name}');
    });

    // The addresses the previous release synthesised for these policies (construct ids
    // connect-app_user-4 and -5: the database's subnets, parameters and instance, plus one).
    const OLD_FIRST = 'aws_iam_role_policy.db_connect-app_user-4_AEBB3C8F';
    const OLD_SECOND = 'aws_iam_role_policy.db_connect-app_user-5_12B3B636';

    test('a moved block carries a deployed policy from its old address to the new one', () => {
      const f = database();
      grant(f, 'app-role');
      const json = synth(f.stack);
      expect((json as any).moved).toEqual([{ from: OLD_FIRST, to: connectPolicies(f, json)['connect-app_user'].address }]);
    });

    test('two grants: each policy has its own moved block from its old address', () => {
      const f = database();
      grant(f, 'first');
      grant(f, 'second');
      const json = synth(f.stack);
      const policies = connectPolicies(f, json);
      expect((json as any).moved).toEqual([
        { from: OLD_FIRST, to: policies['connect-app_user'].address },
        { from: OLD_SECOND, to: policies['connect-app_user-grant-2'].address },
      ]);
    });

    test('the moved block follows the old numbering: extra children before the grant shift its source, not its target', () => {
      const f = database();
      new Construct(f.db, 'extra');
      grant(f, 'app-role');
      const moved = (synth(f.stack) as any).moved;
      expect(moved).toEqual([
        { from: expect.stringMatching(/^aws_iam_role_policy\.db_connect-app_user-5_[0-9A-F]{8}$/), to: expect.stringMatching(/^aws_iam_role_policy\.db_connect-app_user_[0-9A-F]{8}$/) },
      ]);
      // The probe used to compute the old address is gone.
      expect(f.db.node.tryFindChild('connect-app_user-5')).toBeUndefined();
    });

    test('four grants of one user: new ids never take an old address, so every moved block has a free source', () => {
      const f = database();
      for (const r of ['r1', 'r2', 'r3', 'r4']) grant(f, r);
      const json = synth(f.stack);
      const policies = connectPolicies(f, json);
      expect(Object.keys(policies)).toEqual(['connect-app_user', 'connect-app_user-grant-2', 'connect-app_user-grant-3', 'connect-app_user-grant-4']);
      const moved = (json as any).moved as Array<{ from: string; to: string }>;
      expect(moved).toHaveLength(4);
      const declared = Object.values(policies).map((p) => p.address);
      // The first grant is moved from connect-app_user-4: no policy of the new scheme is declared there.
      for (const m of moved) expect(declared).not.toContain(m.from);
      expect(moved.map((m) => m.to)).toEqual(declared);
    });
  });

  describe('rejections', () => {
    const cases: Array<[string, (f: ReturnType<typeof fixture>) => Partial<EncryptedDatabaseProps>, string, string]> = [
      ['a publicly accessible database', () => ({ publiclyAccessible: true }), 'DB_PUBLIC', 'publiclyAccessible'],
      ['unencrypted storage', () => ({ storageEncrypted: false }), 'DB_UNENCRYPTED', 'storageEncrypted'],
      ['the key of another data class', (f) => ({ dataKey: f.keys.confidential }), 'KEY_PURPOSE', 'dataKey'],
      ['a non-secrets key for the master secret', (f) => ({ secretsKey: f.keys.logs }), 'KEY_PURPOSE', 'secretsKey'],
      ['a Performance Insights key of another class', (f) => ({ performanceInsightsKey: f.keys.internal }), 'KEY_PURPOSE', 'performanceInsightsKey'],
      ['backups shorter than 7 days', () => ({ backupRetentionDays: 3 }), 'BACKUP_RETENTION', 'backupRetentionDays'],
      ['backups longer than 35 days', () => ({ backupRetentionDays: 40 }), 'BACKUP_RETENTION', 'backupRetentionDays'],
      ['an unknown engine', () => ({ engine: 'oracle' as any }), 'ENUM', 'engine'],
      ['an unsupported engine version', () => ({ engineVersion: '9.6' }), 'ENGINE_VERSION', 'engineVersion'],
      ['a bad identifier', () => ({ identifier: 'Shop_DB' }), 'NAME_FORMAT', 'identifier'],
      ['a reserved master user name', () => ({ masterUsername: 'rdsadmin' }), 'NAME_FORMAT', 'masterUsername'],
      ['a malformed instance class', () => ({ instanceClass: 't3.micro' }), 'INSTANCE_CLASS', 'instanceClass'],
      ['less than 20 GiB of storage', () => ({ allocatedStorageGiB: 10 }), 'OUT_OF_RANGE', 'allocatedStorageGiB'],
      ['a storage ceiling equal to the allocated storage', () => ({ allocatedStorageGiB: 200, maxAllocatedStorageGiB: 200 }), 'STORAGE_CEILING', 'maxAllocatedStorageGiB'],
      ['a storage ceiling below the allocated storage', () => ({ allocatedStorageGiB: 200, maxAllocatedStorageGiB: 100 }), 'STORAGE_CEILING', 'maxAllocatedStorageGiB'],
      ['a storage ceiling above 64 TiB', () => ({ maxAllocatedStorageGiB: 70000 }), 'OUT_OF_RANGE', 'maxAllocatedStorageGiB'],
    ];
    test.each(cases)('%s', (_t, props, code, p) => {
      const f = fixture();
      const e = errorOf(() => new EncryptedDatabase(f.stack, 'db', { ...baseProps(f), ...props(f) }));
      expect(e).toBeInstanceOf(RampartValidationError);
      expect(e).toMatchObject({ code, path: p });
    });

    test('a network without two data subnets is rejected', () => {
      const f = fixture();
      const net = new TestNetwork(f.stack, 'bare', ['public', 'app']);
      const e = errorOf(() => new EncryptedDatabase(f.stack, 'db', { identifier: 'x', dataClass: 'pii', dataKey: f.keys.pii, secretsKey: f.keys.secrets, network: net, securityGroups: net }));
      expect(e).toMatchObject({ code: 'REQUIRED', path: 'network' });
    });
  });
});

describe('SnapshotBackupRole', () => {
  function backup(overrides: Partial<SnapshotBackupRoleProps> = {}) {
    const f = database();
    const role = new SnapshotBackupRole(f.stack, 'backup', { name: 'shop-db-snapshot', database: f.db, logsKey: f.keys.logs, ...overrides });
    return { ...f, role };
  }

  test('role only: CreateDBSnapshot and DescribeDBInstances on the instance and its snapshots, AddTagsToResource on its snapshots only, plus its own log group', () => {
    const { stack } = backup();
    const json = synth(stack);
    const role = only(json, 'aws_iam_role');
    expect(JSON.parse(role.assume_role_policy).Statement[0].Principal).toEqual({ Service: 'lambda.amazonaws.com' });
    const doc = JSON.parse(only(json, 'aws_iam_role_policy').policy);
    const actions = doc.Statement.flatMap((s: any) => [s.Action].flat());
    expect(actions.filter((a: string) => a.startsWith('rds:')).sort()).toEqual(['rds:AddTagsToResource', 'rds:CreateDBSnapshot', 'rds:DescribeDBInstances']);
    expect(actions.filter((a: string) => !a.startsWith('rds:')).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    const describe = doc.Statement.find((s: any) => s.Action === 'rds:DescribeDBInstances');
    expect(describe.Resource).toMatch(/^\$\{aws_db_instance\..*\.arn\}$/);
    const create = doc.Statement.find((s: any) => s.Action === 'rds:CreateDBSnapshot');
    expect(create.Resource).toEqual([describe.Resource, expect.stringMatching(/:rds:.*:snapshot:\$\{aws_db_instance\..*\.identifier\}-\*$/)]);
    // copy_tags_to_snapshot makes CreateDBSnapshot tag the snapshot as the caller: snapshots only, never the instance.
    const tag = doc.Statement.find((s: any) => s.Action === 'rds:AddTagsToResource');
    expect(tag.Resource).toBe(create.Resource[1]);
    expect(actions.some((a: string) => /Delete/.test(a))).toBe(false);
    for (const s of doc.Statement) expect([s.Resource].flat()).not.toContain('*');
    const log = doc.Statement.find((s: any) => s.Sid === 'WriteOwnLogGroup');
    expect(log.Resource).toMatch(/^\$\{aws_cloudwatch_log_group\..*\.arn\}:log-stream:\*$/);
    expect(json.resource!.aws_lambda_function).toBeUndefined();
  });

  test('its log group is encrypted and retained', () => {
    const groups = Object.values(synth(backup().stack).resource!.aws_cloudwatch_log_group) as any[];
    expect(groups).toEqual([expect.objectContaining({ name: '/aws/lambda/shop-db-snapshot', kms_key_id: '${aws_kms_key.key-logs.arn}', retention_in_days: 30 })]);
  });

  test('with code from a directory: the function, its schedule and the invoke permission', () => {
    const dir = tempDir('snapshot-code');
    fs.writeFileSync(path.join(dir, 'index.py'), 'def handler(event, context):\n    return None\n');
    const { stack } = backup({ code: { path: dir }, schedule: 'rate(12 hours)' });
    const json = synth(stack);
    const fn = only(json, 'aws_lambda_function');
    expect(fn).toMatchObject({ function_name: 'shop-db-snapshot', handler: 'index.handler', runtime: 'python3.12' });
    // No reserved concurrency by default: new accounts (concurrency quota 10) cannot reserve any.
    expect(fn.reserved_concurrent_executions).toBeUndefined();
    expect(fn.role).toMatch(/^\$\{aws_iam_role\./);
    expect(fn.filename).toMatch(/^assets\//);
    expect(fn.logging_config).toEqual({ log_format: 'JSON', log_group: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\./) });
    expect(fn.depends_on).toEqual([expect.stringMatching(/^aws_cloudwatch_log_group\./)]);
    expect(only(json, 'aws_cloudwatch_event_rule').schedule_expression).toBe('rate(12 hours)');
    expect(only(json, 'aws_cloudwatch_event_target').arn).toMatch(/^\$\{aws_lambda_function\..*\.arn\}$/);
    expect(only(json, 'aws_lambda_permission')).toMatchObject({ principal: 'events.amazonaws.com', action: 'lambda:InvokeFunction' });
  });

  test('reserved concurrency only when asked for', () => {
    const fn = only(synth(backup({ code: { s3Bucket: 'acme-artifacts', s3Key: 'snapshot.zip' }, reservedConcurrentExecutions: 1 }).stack), 'aws_lambda_function');
    expect(fn.reserved_concurrent_executions).toBe(1);
    expect(errorOf(() => backup({ reservedConcurrentExecutions: 0 }))).toMatchObject({ code: 'OUT_OF_RANGE', path: 'reservedConcurrentExecutions' });
  });

  test('with code in S3', () => {
    const fn = only(synth(backup({ code: { s3Bucket: 'acme-artifacts', s3Key: 'snapshot.zip' } }).stack), 'aws_lambda_function');
    expect(fn).toMatchObject({ s3_bucket: 'acme-artifacts', s3_key: 'snapshot.zip' });
    expect(fn.filename).toBeUndefined();
  });

  test('rejections: bad schedule, missing code path, wrong log key', () => {
    expect(errorOf(() => backup({ schedule: 'every day' }))).toMatchObject({ code: 'SCHEDULE_FORMAT', path: 'schedule' });
    expect(errorOf(() => backup({ code: { path: '/nonexistent/snapshot.zip' } }))).toMatchObject({ code: 'REQUIRED', path: 'code.path' });
    const f = database();
    expect(errorOf(() => new SnapshotBackupRole(f.stack, 'b', { name: 'x', database: f.db, logsKey: f.keys.secrets }))).toMatchObject({ code: 'KEY_PURPOSE', path: 'logsKey' });
    expect(errorOf(() => new SnapshotBackupRole(f.stack, 'c', { name: 'y', database: f.db, logsKey: f.keys.logs, logRetentionDays: 7 }))).toMatchObject({
      code: 'LOG_RETENTION',
      path: 'logRetentionDays',
    });
    // Rejected before anything was created: no data source, role or log group from the failed constructs.
    const created = [f.stack.node.tryFindChild('b'), f.stack.node.tryFindChild('c')].map((c) => c!.node.children.length);
    expect(created).toEqual([0, 0]);
  });
});
