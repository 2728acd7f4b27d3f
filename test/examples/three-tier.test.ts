import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { labelDataClass } from '@rampart/encryption';
import { ThreeTierStack } from '../../examples/three-tier/src';
// terraform validate runs on the example built from the tarballs: test/consumer/examples.test.ts
import { tempDir } from '../helpers/synth';

// The example is a consumer of the modules by package name; here it is synthesised as its own
// app and checked by terraform validate, like any stack of the repository.
describe('example: three-tier app', () => {
  const outdir = tempDir('example-three-tier');
  const app = new App({ outdir, stackTraces: false });
  const PROPS = {
    names: { prefix: 'acme', environment: 'demo' },
    accountId: '123456789012',
    region: 'eu-central-1',
    certificateArn: 'arn:aws:acm:eu-central-1:123456789012:certificate/0e1f2a3b-4c5d-6e7f-8091-a2b3c4d5e6f7',
    image: `123456789012.dkr.ecr.eu-central-1.amazonaws.com/shop/web@sha256:${'0'.repeat(64)}`,
  };
  new ThreeTierStack(app, 'shop', PROPS);
  app.synth();
  const dir = path.join(outdir, 'stacks', 'shop');
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8'));
  const one = (type: string): any => {
    const all = Object.values(json.resource[type] ?? {});
    expect(all).toHaveLength(1);
    return all[0];
  };

  test('uses the modules by package name', () => {
    const root = path.join(__dirname, '../../examples/three-tier');
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const source = fs.readFileSync(path.join(root, 'src/three-tier-stack.ts'), 'utf8');
    for (const name of ['network', 'encryption', 'secrets', 'workloads']) {
      expect(pkg.dependencies[`@rampart/${name}`]).toBe('0.1.0');
      expect(source).toContain(`from '@rampart/${name}'`);
    }
    expect(source).not.toMatch(/from '\.\.\/\.\.\/modules/);
  });

  test("the tiers: ALB in public subnets, service in app subnets, database in data subnets (by the subnets' Tier tags)", () => {
    // Each reference resolves to an aws_subnet whose Tier tag is exactly the expected tier.
    const subnets = json.resource.aws_subnet as Record<string, any>;
    const tierOf = (ref: string): string => {
      const m = /^\$\{aws_subnet\.([^.]+)\.id\}$/.exec(ref);
      expect(m).not.toBeNull();
      return subnets[m![1]].tags.Tier;
    };
    const alb = one('aws_lb');
    const svc = one('aws_ecs_service');
    const dbSubnets = one('aws_db_subnet_group').subnet_ids;
    expect(alb.subnets.length).toBeGreaterThanOrEqual(2);
    expect(svc.network_configuration.subnets.length).toBeGreaterThanOrEqual(2);
    expect(dbSubnets.length).toBeGreaterThanOrEqual(2);
    expect(new Set(alb.subnets.map(tierOf))).toEqual(new Set(['public']));
    expect(new Set(svc.network_configuration.subnets.map(tierOf))).toEqual(new Set(['app']));
    expect(new Set(dbSubnets.map(tierOf))).toEqual(new Set(['data']));
    expect(svc.network_configuration.assign_public_ip).toBe(false);
  });

  test('the security-group chain: service in the app group, database in the db group', () => {
    const groups = Object.entries(json.resource.aws_security_group) as Array<[string, any]>;
    const idOf = (tier: string) => groups.find(([, g]) => g.name.endsWith(`-${tier}`))![0];
    expect(one('aws_lb').security_groups).toEqual([`\${aws_security_group.${idOf('alb')}.id}`]);
    expect(one('aws_ecs_service').network_configuration.security_groups).toEqual([`\${aws_security_group.${idOf('app')}.id}`]);
    expect(one('aws_db_instance').vpc_security_group_ids).toEqual([`\${aws_security_group.${idOf('db')}.id}`]);
  });

  test('the database is encrypted with the pii key and its master secret with the secrets key', () => {
    const db = one('aws_db_instance');
    const keys = Object.entries(json.resource.aws_kms_alias as Record<string, any>).map(([, a]) => [a.name, a.target_key_id]);
    const keyRef = (purpose: string) => String(keys.find(([name]) => String(name).endsWith(`-${purpose}`))![1]).replace('.key_id', '.arn');
    expect(db.kms_key_id).toBe(keyRef('pii'));
    expect(db.master_user_secret_kms_key_id).toBe(keyRef('secrets'));
    expect(db.publicly_accessible).toBe(false);
  });

  test('the container gets its secret by reference and the execution role may read exactly that secret', () => {
    const [web] = JSON.parse(one('aws_ecs_task_definition').container_definitions);
    expect(web.secrets).toEqual([{ name: 'SESSION_SIGNING_KEY', valueFrom: expect.stringMatching(/^\$\{aws_secretsmanager_secret\./) }]);
    expect(web.environment.map((e: any) => e.name)).not.toContain('SESSION_SIGNING_KEY');
    const policies = Object.values(json.resource.aws_iam_role_policy) as any[];
    const reads = (st: any): boolean => ([] as string[]).concat(st.Action).includes('secretsmanager:GetSecretValue');
    const read = policies.map((p) => JSON.parse(p.policy)).find((d) => d.Statement.some(reads));
    expect(read).toBeDefined();
    expect([].concat(read.Statement.find(reads).Resource)).toEqual([web.secrets[0].valueFrom]);
  });

  test('every role carries the permission boundary', () => {
    const roles = Object.values(json.resource.aws_iam_role) as any[];
    expect(roles.length).toBeGreaterThanOrEqual(3);
    for (const role of roles) expect(role.permissions_boundary).toMatch(/^\$\{aws_iam_policy\./);
  });

  test('the snapshot function is packaged from the example and scheduled', () => {
    expect(one('aws_lambda_function').filename).toMatch(/^assets\//);
    expect(one('aws_cloudwatch_event_rule').schedule_expression).toBe('cron(0 3 * * ? *)');
  });

  test('the baseline policy pack passes with no findings and no suppressions; the only opt-outs are the port-80 redirect', () => {
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'policy-report.json'), 'utf8'));
    expect(report).toMatchObject({ passed: true, pack: 'rampart-baseline' });
    expect(report.summary).toMatchObject({ findings: 0, suppressed: 0 });
    // The example keeps the HTTP-to-HTTPS redirect, so the network opens port 80 on the alb tier.
    expect(report.optOuts.map((o: any) => o.id).sort()).toEqual(['network.alb-http-redirect', 'network.nacl-http-redirect']);
  });

  test('the pack does the judging the stack used to add aspects for: a pii-labelled log group on the logs key, an untagged bucket and an IAM user fail synth', () => {
    const bad = new App({ outdir: tempDir('example-three-tier-bad'), stackTraces: false });
    const stack = new ThreeTierStack(bad, 'shop', PROPS);
    const logs = new CloudwatchLogGroup(stack, 'customer-log', { name: '/shop/customers', retentionInDays: 365, kmsKeyId: stack.keys.key('logs').keyArn });
    labelDataClass(logs, 'pii');
    new S3Bucket(stack, 'untagged', { bucket: 'acme-demo-untagged', tags: { Owner: '' } });
    new IamUser(stack, 'legacy', { name: 'legacy' });
    let message = '';
    try {
      bad.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/\[encryption-data-class-binding\] aws_cloudwatch_log_group\.customer-log at shop\/customer-log: holds pii data but is encrypted with the logs key alias\/acme-demo-logs/);
    expect(message).toMatch(/\[tags-mandatory\] aws_s3_bucket\.untagged at shop\/untagged: missing, empty or blank mandatory tag\(s\) Owner/);
    expect(message).toMatch(/\[iam-no-users\] aws_iam_user\.legacy at shop\/legacy/);
  });
});
