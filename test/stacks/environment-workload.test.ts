import { config } from '../../src/config/rampart.config';
import { resolveWorkloadConfig } from '../../src/config/workload';
import { EnvironmentWorkload } from '../../stacks/environment-workload';
import { fixture, only, synth } from '../workloads/fixtures';

const prodEnv = config.environments.find((e) => e.name === 'prod')!;
const devEnv = config.environments.find((e) => e.name === 'dev')!;

function build(env = prodEnv) {
  const f = fixture();
  let granted: unknown;
  const workload = new EnvironmentWorkload(f.stack, 'workload', {
    names: { prefix: 'acme', environment: env.name },
    accountId: env.accountId,
    production: env.production,
    workload: resolveWorkloadConfig(env)!,
    network: f.network,
    securityGroups: f.network,
    logsKey: f.keys.logs,
    secretsKey: f.keys.secrets,
    dataKey: f.keys.pii,
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
    expect(c.environment).toEqual(expect.arrayContaining([{ name: 'DB_AUTH', value: 'iam' }, { name: 'DB_HOST', value: expect.stringMatching(/^\$\{aws_db_instance\..*\.address\}$/) }]));
  });

  test('production settings reach the load balancer and the database', () => {
    expect(only(json, 'aws_lb').enable_deletion_protection).toBe(true);
    expect(only(json, 'aws_db_instance')).toMatchObject({ multi_az: true, deletion_protection: true, backup_retention_period: 30, instance_class: 'db.m7g.large' });
  });

  test('the task role may connect to the database as user app, and the snapshot role exists', () => {
    const policies = Object.values(json.resource!.aws_iam_role_policy) as any[];
    const connect = policies.find((p) => p.name === 'rds-connect-acme-prod-app-db-app');
    expect(connect.role).toMatch(/\$\{aws_iam_role\.workload_task_task-role_.*\.name\}/);
    expect((Object.values(json.resource!.aws_iam_role) as any[]).map((r) => r.name)).toContain('acme-prod-app-db-snapshot');
    expect(json.output).toHaveProperty('workload_db_endpoint');
    expect(json.output).toHaveProperty('workload_alb_dns_name');
  });

  test('without a database section there is no database, snapshot role or DB environment', () => {
    const dev = synth(build(devEnv).stack);
    expect(dev.resource!.aws_db_instance).toBeUndefined();
    const [c] = JSON.parse(only(dev, 'aws_ecs_task_definition').container_definitions);
    expect(c.environment).toEqual([{ name: 'PORT', value: '8080' }]);
    expect(only(dev, 'aws_lb').enable_deletion_protection).toBe(false);
  });
});
