import { config } from '../../config/rampart.config';
import { resolveWorkloadConfig } from '../../config/workload';
import { EnvironmentWorkload } from '../../stacks/environment-workload';
import * as fs from 'fs';
import * as path from 'path';
import { buildApp } from '../../src/app';
import { synthApp, tempDir } from '../helpers/synth';
import { fixture, only, synth } from '../workloads/fixtures';

const prodEnv = config.environments.find((e) => e.name === 'prod')!;
const devEnv = config.environments.find((e) => e.name === 'dev')!;

function build(env = prodEnv) {
  const f = fixture();
  let granted: unknown;
  const workload = new EnvironmentWorkload(f.stack, 'workload', {
    names: { prefix: 'acme', environment: env.name },
    accountId: env.accountId,
    region: env.region,
    production: env.production,
    workload: resolveWorkloadConfig(env)!,
    network: f.network,
    securityGroups: f.network,
    logsKey: f.keys.logs,
    secretsKey: f.keys.secrets,
    dataKey: f.keys.pii,
    imageKey: f.keys.pii,
    containerSecrets: (role) => {
      granted = role;
      return [{ name: 'SESSION_KEY', valueFrom: 'arn:aws:secretsmanager:eu-central-1:555555555555:secret:session-AbCdEf' }];
    },
  });
  return { ...f, workload, granted: () => granted };
}

describe('EnvironmentWorkload (the workload baseline of an environment stack)', () => {
  const { stack, workload, granted } = build();
  const json = synth(stack);

  test('names every piece <prefix>-<env>-<name> and sizes the task from config', () => {
    expect(only(json, 'aws_ecs_cluster').name).toBe('acme-prod-app');
    const task = only(json, 'aws_ecs_task_definition');
    expect([task.family, task.cpu, task.memory]).toEqual(['acme-prod-app', '512', '1024']);
    expect(only(json, 'aws_ecs_service').desired_count).toBe(3);
    expect(only(json, 'aws_lb').name).toBe('acme-prod-app');
    expect(only(json, 'aws_s3_bucket').bucket).toBe('acme-prod-app-alb-logs-555555555555');
    expect(only(json, 'aws_db_instance').identifier).toBe('acme-prod-app-db');
  });

  test('container secrets are wired with the execution role and passed by reference', () => {
    expect(granted()).toBe(workload.taskDefinition.executionRole);
    const [c] = JSON.parse(only(json, 'aws_ecs_task_definition').container_definitions);
    expect(c.secrets).toEqual([{ name: 'SESSION_KEY', valueFrom: expect.stringMatching(/^arn:aws:secretsmanager:/) }]);
    expect(c.environment).toEqual(
      expect.arrayContaining([
        { name: 'DB_SSL', value: 'require' },
        { name: 'DB_HOST', value: expect.stringMatching(/^\$\{aws_db_instance\..*\.address\}$/) },
      ]),
    );
  });

  test('production settings reach the load balancer and the database', () => {
    expect(only(json, 'aws_lb').enable_deletion_protection).toBe(true);
    expect(only(json, 'aws_db_instance')).toMatchObject({ multi_az: true, deletion_protection: true, backup_retention_period: 30, instance_class: 'db.m7g.large' });
  });

  test('the task role (and only it) may connect as database user app with IAM authentication; the container gets endpoint, port and user', () => {
    const policies = Object.values(json.resource!.aws_iam_role_policy) as any[];
    const connect = policies.filter((p) => String(p.name).startsWith('rds-connect-'));
    expect(connect).toHaveLength(1);
    expect(connect[0].name).toBe('rds-connect-acme-prod-app-db-app');
    expect(connect[0].role).toMatch(/^\$\{aws_iam_role\.workload_task_task-role_[^.]+\.name\}$/);
    const [stmt] = JSON.parse(connect[0].policy).Statement;
    expect(stmt).toMatchObject({ Effect: 'Allow', Action: 'rds-db:connect', Resource: expect.stringMatching(/:dbuser:\$\{aws_db_instance\.[^.]+\.resource_id\}\/app$/) });
    const [c] = JSON.parse(only(json, 'aws_ecs_task_definition').container_definitions);
    expect(c.environment).toEqual(
      expect.arrayContaining([
        { name: 'DB_USER', value: 'app' },
        { name: 'DB_AUTH', value: 'iam' },
        { name: 'DB_PORT', value: '5432' },
        { name: 'DB_HOST', value: expect.stringMatching(/^\$\{aws_db_instance\..*\.address\}$/) },
      ]),
    );
  });

  test('the snapshot role exists and the endpoints are outputs', () => {
    expect((Object.values(json.resource!.aws_iam_role) as any[]).map((r) => r.name)).toContain('acme-prod-app-db-snapshot');
    expect(json.output).toHaveProperty('workload_db_endpoint');
    expect(json.output).toHaveProperty('workload_alb_dns_name');
  });

  test('without a database section there is no database, snapshot role or DB environment', () => {
    const dev = synth(build(devEnv).stack);
    expect(dev.resource!.aws_db_instance).toBeUndefined();
    expect((Object.values(dev.resource!.aws_iam_role_policy) as any[]).map((p) => p.name)).not.toContainEqual(expect.stringMatching(/^rds-connect-/));
    const [c] = JSON.parse(only(dev, 'aws_ecs_task_definition').container_definitions);
    expect(c.environment).toEqual([{ name: 'PORT', value: '8080' }]);
    expect(only(dev, 'aws_lb').enable_deletion_protection).toBe(false);
  });
});

describe('the environment stacks carry the workload baseline from config', () => {
  const { stacks } = synthApp();
  const of = (stack: string, type: string): any[] => Object.values(stacks[stack].resource?.[type] ?? {});

  test('every configured environment has the cluster, task, service and HTTPS load balancer', () => {
    for (const name of ['dev', 'staging', 'prod']) {
      expect(of(name, 'aws_ecs_service')).toHaveLength(1);
      expect(of(name, 'aws_lb')).toHaveLength(1);
      expect(of(name, 'aws_lb_listener').map((l) => l.port)).toEqual([443]);
    }
    expect(stacks.bootstrap.resource?.aws_ecs_service).toBeUndefined();
  });

  test("the service runs in the network module's app subnets with its app security group", () => {
    const svc = of('prod', 'aws_ecs_service')[0];
    expect(svc.network_configuration.subnets).toHaveLength(3);
    for (const s of svc.network_configuration.subnets) expect(s).toMatch(/^\$\{aws_subnet\.network_vpc_app-/);
    expect(svc.network_configuration.security_groups).toEqual([expect.stringMatching(/^\$\{aws_security_group\.network_security-groups_app_/)]);
  });

  test('the security-group chain the workload sits in: alb 443 -> app on the container port -> db on the engine port', () => {
    const sg = (id: string) => String(id).replace(/^\$\{aws_security_group\.([^.]+)\.id\}$/, '$1');
    const lb = of('prod', 'aws_lb')[0];
    const svc = of('prod', 'aws_ecs_service')[0];
    const db = of('prod', 'aws_db_instance')[0];
    const [albSg, appSg, dbSg] = [sg(lb.security_groups[0]), sg(svc.network_configuration.security_groups[0]), sg(db.vpc_security_group_ids[0])];
    const ingress = of('prod', 'aws_vpc_security_group_ingress_rule').map((r) => ({
      to: sg(r.security_group_id),
      from: r.referenced_security_group_id ? sg(r.referenced_security_group_id) : r.cidr_ipv4,
      port: r.from_port,
    }));
    expect(ingress.filter((r) => r.to === dbSg)).toEqual([{ to: dbSg, from: appSg, port: 5432 }]);
    expect(ingress.filter((r) => r.to === appSg)).toEqual([{ to: appSg, from: albSg, port: 8080 }]);
    expect(ingress.filter((r) => r.to === albSg)).toEqual([{ to: albSg, from: '0.0.0.0/0', port: 443 }]);
    expect(of('prod', 'aws_lb_target_group')[0].port).toBe(8080);
  });

  test('prod database: the pii key of DataClassKeys, master secret under the secrets key', () => {
    const db = of('prod', 'aws_db_instance')[0];
    expect(db.kms_key_id).toMatch(/^\$\{aws_kms_key\.keys_pii_/);
    expect(db.master_user_secret_kms_key_id).toMatch(/^\$\{aws_kms_key\.keys_secrets_/);
    expect(db).toMatchObject({ multi_az: true, deletion_protection: true, backup_retention_period: 30 });
    expect(of('dev', 'aws_db_instance')).toHaveLength(0);
  });

  test('prod: the task role connects as app with IAM authentication; no password reaches the container and the credential secret stays in every environment', () => {
    const [c] = JSON.parse(of('prod', 'aws_ecs_task_definition')[0].container_definitions);
    expect(c.secrets).toEqual([]);
    expect(c.environment).toEqual(
      expect.arrayContaining([
        { name: 'DB_USER', value: 'app' },
        { name: 'DB_AUTH', value: 'iam' },
      ]),
    );
    const connect = of('prod', 'aws_iam_role_policy').filter((p) => String(p.name ?? '').startsWith('rds-connect-'));
    expect(connect).toHaveLength(1);
    expect(connect[0].role).toMatch(/task-role/);
    expect(JSON.parse(connect[0].policy).Statement[0].Resource).toMatch(/:dbuser:\$\{aws_db_instance\.[^.]+\.resource_id\}\/app$/);
    expect(of('prod', 'aws_iam_role_policy').find((p) => String(p.name_prefix ?? '').startsWith('ecs-secrets-'))).toBeUndefined();
    for (const env of ['dev', 'staging', 'prod']) {
      expect(of(env, 'aws_secretsmanager_secret').map((s) => s.name)).toContain(`acme-${env}-app-db-credentials`);
    }
    const [dev] = JSON.parse(of('dev', 'aws_ecs_task_definition')[0].container_definitions);
    expect(dev.secrets).toEqual([]);
  });

  test('on the local emulator target the listener uses a stand-in certificate requested in the emulator', () => {
    const outdir = tempDir('app-local');
    const { app } = buildApp(config, { outdir, deployment: { kind: 'local', endpoint: 'http://127.0.0.1:4566' } });
    app.synth();
    const dev = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'dev', 'cdk.tf.json'), 'utf8'));
    const certs = Object.entries(dev.resource.aws_acm_certificate) as Array<[string, any]>;
    expect(certs).toHaveLength(1);
    expect(certs[0][1]).toMatchObject({ domain_name: 'app.dev.example.com', validation_method: 'DNS' });
    const https = (Object.values(dev.resource.aws_lb_listener) as any[]).find((l) => l.port === 443);
    expect(https.certificate_arn).toBe(`\${aws_acm_certificate.${certs[0][0]}.arn}`);
    expect(stacks.dev.resource!.aws_acm_certificate).toBeUndefined();
  });

  test("logs use the environment's logs key; pii workloads keep them 365 days, internal ones 30", () => {
    const group = (stack: string) => of(stack, 'aws_cloudwatch_log_group').find((g) => g.name === `/ecs/acme-${stack}-app`);
    expect(group('prod')).toMatchObject({ retention_in_days: 365, kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\.keys_logs_/) });
    expect(group('dev').retention_in_days).toBe(30);
  });
});
