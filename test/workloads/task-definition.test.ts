import { decryptVia, readParameter } from '../helpers/read-grants';
import { RampartValidationError } from '@rampart/core';
import {
  HardenedContainerProps,
  HardenedTaskDefinition,
  HardenedTaskDefinitionProps,
  IMAGE_NOT_PINNED_WARNING,
  IMAGE_PULL_NOT_GRANTED_WARNING,
  SECRET_NOT_GRANTED_WARNING,
  applicationLogRetentionDays,
  checkEnvironmentVariable,
  ecrRepositoryArn,
  imagePinning,
  isFargateTaskSize,
} from '@rampart/workloads';
import { Testing } from 'cdktf';
import { RetentionPolicy } from '@rampart/logging';
import { EcsSecret, EcsSecrets, ManagedSecret, SecretValue, SecureParameter, containerSecretsFrom } from '@rampart/secrets';
import { StackContext } from '@rampart/core';
import { errorOf, fixture, only, synth, warnings } from './fixtures';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const ECR_IMAGE = `123456789012.dkr.ecr.eu-central-1.amazonaws.com/shop/web@${DIGEST}`;
const APP: HardenedContainerProps = { name: 'web', image: ECR_IMAGE, containerPort: 8080, writablePaths: ['/tmp'] };

function build(overrides: Partial<HardenedTaskDefinitionProps> = {}, container: Partial<HardenedContainerProps> = {}) {
  const f = fixture();
  const td = new HardenedTaskDefinition(f.stack, 'task', {
    family: 'shop-web',
    dataClass: 'internal',
    logsKey: f.keys.logs,
    containers: [{ ...APP, ...container }],
    ...overrides,
  });
  return { ...f, td };
}

function containers(json: any): any[] {
  return JSON.parse(only(json, 'aws_ecs_task_definition').container_definitions);
}

describe('HardenedTaskDefinition', () => {
  // GIVEN only the required props WHEN synthesised THEN every hardening setting is in place.
  describe('defaults', () => {
    const { stack } = build();
    const json = synth(stack);
    const task = only(json, 'aws_ecs_task_definition');
    const [web] = containers(json);

    test('Fargate, awsvpc, no host namespaces', () => {
      expect(task.requires_compatibilities).toEqual(['FARGATE']);
      expect(task.network_mode).toBe('awsvpc');
      expect(task.pid_mode).toBeUndefined();
      expect(task.ipc_mode).toBeUndefined();
      expect(task.cpu).toBe('256');
      expect(task.memory).toBe('512');
      expect(task.runtime_platform).toEqual({ operating_system_family: 'LINUX', cpu_architecture: 'X86_64' });
    });

    test('the container runs as a non-root numeric user', () => {
      expect(web.user).toBe('1000:1000');
    });

    test('read-only root filesystem, not privileged, all capabilities dropped, init process', () => {
      expect(web.readonlyRootFilesystem).toBe(true);
      expect(web.privileged).toBe(false);
      expect(web.linuxParameters).toEqual({ capabilities: { drop: ['ALL'] }, initProcessEnabled: true });
    });

    test('writable paths are task-scoped volumes mounted into the container', () => {
      expect(task.volume).toEqual([{ name: 'web-tmp' }]);
      expect(web.mountPoints).toEqual([{ sourceVolume: 'web-tmp', containerPath: '/tmp', readOnly: false }]);
    });

    test('logs go to its own KMS-encrypted log group, retained 30 days for an internal class', () => {
      const group = only(json, 'aws_cloudwatch_log_group');
      expect(group.name).toBe('/ecs/shop-web');
      expect(group.kms_key_id).toBe('${aws_kms_key.key-logs.arn}');
      expect(group.retention_in_days).toBe(30);
      expect(group.tags).toBeUndefined();
      expect(web.logConfiguration.logDriver).toBe('awslogs');
      expect(web.logConfiguration.options['awslogs-group']).toMatch(/^\$\{aws_cloudwatch_log_group\..*\.name\}$/);
      expect(web.logConfiguration.options['awslogs-stream-prefix']).toBe('web');
    });

    test('execution and task roles are separate; the task role trusts ECS tasks of this account only', () => {
      const roles = Object.values(json.resource!.aws_iam_role) as any[];
      expect(roles.map((r) => r.name).sort()).toEqual(['shop-web-execution', 'shop-web-task']);
      expect(task.execution_role_arn).not.toEqual(task.task_role_arn);
      const taskRole = roles.find((r) => r.name === 'shop-web-task');
      const trust = JSON.parse(taskRole.assume_role_policy);
      expect(trust.Statement[0].Principal).toEqual({ Service: 'ecs-tasks.amazonaws.com' });
      expect(trust.Statement[0].Condition.StringEquals['aws:SourceAccount']).toMatch(/data\.aws_caller_identity/);
      expect(trust.Statement[0].Condition.ArnLike['aws:SourceArn']).toMatch(/^arn:\$\{.*\}:ecs:/);
    });

    test('the execution role may write its own log group and pull its own ECR repository, nothing else', () => {
      const policies = Object.values(json.resource!.aws_iam_role_policy) as any[];
      expect(policies).toHaveLength(1);
      const doc = JSON.parse(policies[0].policy);
      expect(doc.Statement).toEqual([
        {
          Sid: 'WriteOwnLogGroup',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: [expect.stringMatching(/^\$\{aws_cloudwatch_log_group\..*\.arn\}:log-stream:\*$/)],
        },
        { Sid: 'EcrLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
        {
          Sid: 'PullOwnImages',
          Effect: 'Allow',
          Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
          Resource: [expect.stringMatching(/^arn:\$\{data\.aws_partition\..*\.partition\}:ecr:eu-central-1:123456789012:repository\/shop\/web$/)],
        },
      ]);
    });

    test('a digest-pinned image gives no warning', () => {
      expect(warnings(stack).filter((w) => w.includes(IMAGE_NOT_PINNED_WARNING))).toEqual([]);
    });
  });

  test('a public-registry image gets no ECR permissions, and a warning says so', () => {
    const { stack } = build({}, { image: `public.ecr.aws/nginx/nginx@${DIGEST}` });
    const doc = JSON.parse((Object.values(synth(stack).resource!.aws_iam_role_policy)[0] as any).policy);
    expect(doc.Statement.map((s: any) => s.Sid)).toEqual(['WriteOwnLogGroup']);
    const pull = warnings(stack).filter((w) => w.startsWith(`[${IMAGE_PULL_NOT_GRANTED_WARNING}]`));
    expect(pull).toHaveLength(1);
    expect(pull[0]).toContain('public.ecr.aws/nginx/nginx');
  });

  test('a private ECR image is granted and gives no pull warning; an unresolved image does', () => {
    const ecr = build();
    synth(ecr.stack);
    expect(warnings(ecr.stack).filter((w) => w.includes(IMAGE_PULL_NOT_GRANTED_WARNING))).toEqual([]);
    const f = fixture();
    const td = new HardenedTaskDefinition(f.stack, 'task', { family: 'x', dataClass: 'internal', logsKey: f.keys.logs });
    td.addContainer({ name: 'side', image: f.keys.logs.keyId });
    synth(f.stack);
    expect(warnings(f.stack).filter((w) => w.startsWith(`[${IMAGE_PULL_NOT_GRANTED_WARNING}] container side: the image is unresolved`))).toHaveLength(1);
  });

  describe('container secrets given by source are granted to the execution role', () => {
    function withSources(form: 'record' | 'list') {
      const f = fixture();
      StackContext.register(f.stack, { accountId: '123456789012', region: 'eu-central-1', partition: 'aws' });
      const names = { prefix: 'acme', environment: 'dev' };
      const secret = new ManagedSecret(f.stack, 'session', { names, name: 'session', key: f.keys.secrets, value: SecretValue.generated() });
      const salt = new SecureParameter(f.stack, 'salt', { names, name: 'salt', key: f.keys.secrets });
      const sources = { SESSION_KEY: EcsSecret.fromSecret(secret, { jsonKey: 'key' }), SALT: EcsSecret.fromParameter(salt) };
      new HardenedTaskDefinition(f.stack, 'task', {
        family: 'x',
        dataClass: 'internal',
        logsKey: f.keys.logs,
        containers: [{ ...APP, secrets: form === 'record' ? sources : containerSecretsFrom(sources) }],
      });
      const json = synth(f.stack);
      const ref = (type: string, prefix: string) => `\${${type}.${Object.keys(json.resource?.[type] ?? {}).find((n) => n.startsWith(prefix))}.arn}`;
      const policy = Object.values(json.resource?.aws_iam_role_policy ?? {}).find((p: any) => p.name === 'task-start') as any;
      return { f, json, ref, policy, secret, salt };
    }

    test.each(['record', 'list'] as const)('%s form: the task-start policy reads exactly those ARNs and decrypts only through Secrets Manager / SSM', (form) => {
      const { f, json, ref, policy } = withSources(form);
      expect(policy.role).toBe(`\${aws_iam_role.${Object.keys(json.resource!.aws_iam_role).find((n) => n.startsWith('task_execution-role'))}.name}`);
      const statements = JSON.parse(policy.policy).Statement;
      expect(statements.filter((s: any) => ['ReadSecret', 'DecryptSecretViaSecretsManager', 'ReadParameter', 'DecryptParameterViaSsm'].includes(s.Sid))).toEqual([
        { Sid: 'ReadSecret', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: ref('aws_secretsmanager_secret', 'session_') },
        decryptVia('DecryptSecretViaSecretsManager', ref('aws_kms_key', 'key-secrets'), 'secretsmanager'),
        readParameter(ref('aws_ssm_parameter', 'salt_')),
        decryptVia('DecryptParameterViaSsm', ref('aws_kms_key', 'key-secrets'), 'ssm'),
      ]);
      expect(warnings(f.stack).filter((w) => w.startsWith(`[${SECRET_NOT_GRANTED_WARNING}]`))).toEqual([]);
    });

    test('the container definition holds only name and valueFrom (a JSON key as <arn>:<key>::)', () => {
      const { json, ref } = withSources('record');
      expect(containers(json)[0].secrets).toEqual([
        { name: 'SESSION_KEY', valueFrom: `${ref('aws_secretsmanager_secret', 'session_')}:key::` },
        { name: 'SALT', valueFrom: ref('aws_ssm_parameter', 'salt_') },
      ]);
    });

    test('a malformed name in the record form is a typed error at its path', () => {
      const f = fixture();
      const secret = new ManagedSecret(f.stack, 'session', { names: { prefix: 'acme', environment: 'dev' }, name: 'session', key: f.keys.secrets });
      const e = errorOf(
        () => new HardenedTaskDefinition(f.stack, 't', { family: 'x', dataClass: 'internal', logsKey: f.keys.logs, containers: [{ ...APP, secrets: { '1BAD': EcsSecret.fromSecret(secret) } }] }),
      );
      expect(e).toMatchObject({ code: 'ENV_NAME', path: 'containers[0].secrets.1BAD' });
    });

    test('no secrets: no read statements', () => {
      const f = fixture();
      new HardenedTaskDefinition(f.stack, 'task', { family: 'x', dataClass: 'internal', logsKey: f.keys.logs, containers: [APP] });
      const json = synth(f.stack);
      const policy = Object.values(json.resource?.aws_iam_role_policy ?? {}).find((p: any) => p.name === 'task-start') as any;
      expect(JSON.parse(policy.policy).Statement.map((s: any) => s.Sid)).toEqual(['WriteOwnLogGroup', 'EcrLogin', 'PullOwnImages']);
    });
  });

  describe('container secrets must be granted to the execution role', () => {
    function withSecret(grantTo: 'execution' | 'other' | 'none') {
      const f = fixture();
      const td = new HardenedTaskDefinition(f.stack, 'task', { family: 'x', dataClass: 'internal', logsKey: f.keys.logs });
      const secret = new ManagedSecret(f.stack, 'session', { names: { prefix: 'acme', environment: 'dev' }, name: 'session', key: f.keys.secrets, value: SecretValue.generated() });
      const other = new HardenedTaskDefinition(f.stack, 'other', { family: 'y', dataClass: 'internal', logsKey: f.keys.logs, containers: [APP] });
      const secrets =
        grantTo === 'none'
          ? [{ name: 'SESSION_KEY', valueFrom: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:session-AbCdEf' }]
          : new EcsSecrets(f.stack, 'grant', {
              executionRole: grantTo === 'execution' ? td.executionRole : other.executionRole,
              region: 'eu-central-1',
              secrets: { SESSION_KEY: EcsSecret.fromSecret(secret) },
            }).containerSecrets;
      td.addContainer({ ...APP, secrets: [...secrets] });
      synth(f.stack);
      return warnings(f.stack).filter((w) => w.startsWith(`[${SECRET_NOT_GRANTED_WARNING}]`));
    }

    test('granted through EcsSecrets to this execution role: no warning', () => {
      expect(withSecret('execution')).toEqual([]);
    });

    test('a raw valueFrom ARN that nothing granted is warned about', () => {
      const w = withSecret('none');
      expect(w).toHaveLength(1);
      expect(w[0]).toContain('secret SESSION_KEY');
    });

    test("a secret granted to another task's execution role is warned about", () => {
      expect(withSecret('other')).toHaveLength(1);
    });
  });

  test('a pii workload keeps its logs 365 days', () => {
    const { stack } = build({ dataClass: 'pii' });
    expect(only(synth(stack), 'aws_cloudwatch_log_group').retention_in_days).toBe(365);
  });

  test('a longer retention is accepted; a shorter one than the class minimum is rejected', () => {
    const { stack } = build({ logRetentionDays: 90 });
    expect(only(synth(stack), 'aws_cloudwatch_log_group').retention_in_days).toBe(90);
    expect(errorOf(() => build({ dataClass: 'pii', logRetentionDays: 90 }))).toMatchObject({ code: 'LOG_RETENTION', path: 'logRetentionDays', value: 90 });
    expect(errorOf(() => build({ logRetentionDays: 45 }))).toMatchObject({ code: 'LOG_RETENTION', path: 'logRetentionDays' });
  });

  test("retention comes from the logging module's RetentionPolicy when one is passed", () => {
    const { stack } = build({ retention: new RetentionPolicy({ applicationDays: 90 }) });
    expect(only(synth(stack), 'aws_cloudwatch_log_group').retention_in_days).toBe(90);
    expect(errorOf(() => build({ retention: new RetentionPolicy({ applicationDays: 90 }), logRetentionDays: 60 }))).toMatchObject({ code: 'LOG_RETENTION', path: 'logRetentionDays', value: 60 });
    expect(applicationLogRetentionDays('health')).toBe(365);
    expect(applicationLogRetentionDays('confidential')).toBe(30);
  });

  test('the log group key must be the logs key or the data-class key', () => {
    const f = fixture();
    const e = errorOf(() => new HardenedTaskDefinition(f.stack, 't', { family: 'x', dataClass: 'pii', logsKey: f.keys.secrets, containers: [APP] }));
    expect(e).toBeInstanceOf(RampartValidationError);
    expect(e).toMatchObject({ code: 'KEY_PURPOSE', path: 'logsKey', value: 'secrets' });
    // rejected before anything was created: no data sources, roles or log group
    expect(f.stack.node.tryFindChild('t')!.node.children).toHaveLength(0);
    expect(errorOf(() => new HardenedTaskDefinition(f.stack, 'r', { family: 'z', dataClass: 'pii', logsKey: f.keys.logs, logRetentionDays: 30, containers: [APP] }))).toMatchObject({
      code: 'LOG_RETENTION',
      path: 'logRetentionDays',
    });
    expect(f.stack.node.tryFindChild('r')!.node.children).toHaveLength(0);
    new HardenedTaskDefinition(f.stack, 'ok', { family: 'y', dataClass: 'pii', logsKey: f.keys.pii, containers: [APP] });
    // encrypted with the class key, the group is labelled with the class
    expect(only(synth(f.stack), 'aws_cloudwatch_log_group').tags).toEqual({ DataClassification: 'pii' });
  });

  test('secrets are passed by reference (valueFrom) and plain config as environment', () => {
    const { stack } = build(
      {},
      {
        environment: { LOG_LEVEL: 'info' },
        secrets: [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:db-AbCdEf' }],
      },
    );
    const [web] = containers(synth(stack));
    expect(web.environment).toEqual([{ name: 'LOG_LEVEL', value: 'info' }]);
    expect(web.secrets).toEqual([{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:db-AbCdEf' }]);
  });

  test('cpu, memory, architecture, pid mode task, ephemeral storage, health check and init process are configurable', () => {
    const { stack } = build(
      { cpu: 1024, memoryMiB: 4096, cpuArchitecture: 'ARM64', pidMode: 'task', ephemeralStorageGiB: 30 },
      { initProcessEnabled: false, healthCheck: { command: ['CMD', '/healthz'] }, user: '10001' },
    );
    const json = synth(stack);
    const task = only(json, 'aws_ecs_task_definition');
    expect([task.cpu, task.memory, task.runtime_platform.cpu_architecture, task.pid_mode, task.ephemeral_storage.size_in_gib]).toEqual(['1024', '4096', 'ARM64', 'task', 30]);
    const [web] = containers(json);
    expect(web.linuxParameters.initProcessEnabled).toBe(false);
    expect(web.linuxParameters.capabilities).toEqual({ drop: ['ALL'] });
    expect(web.healthCheck).toEqual({ command: ['CMD', '/healthz'], interval: 30, timeout: 5, retries: 3, startPeriod: 10 });
    expect(web.user).toBe('10001');
  });

  test('addContainer adds a sidecar, validated the same way', () => {
    const { stack, td } = build();
    td.addContainer({ name: 'proxy', image: `public.ecr.aws/envoy/envoy:v1.31.0` });
    expect(containers(synth(stack)).map((c) => c.name)).toEqual(['web', 'proxy']);
    expect(td.defaultContainer).toEqual({ name: 'web', containerPort: 8080 });
    expect(errorOf(() => td.addContainer({ name: 'web', image: 'x:1' }))).toMatchObject({ code: 'DUPLICATE', path: 'containers[2].name' });
    expect(errorOf(() => td.addContainer({ name: 'root', image: 'x:1', user: '0' }))).toMatchObject({ code: 'ROOT_USER' });
  });

  test('a task without containers fails synth', () => {
    const f = fixture();
    new HardenedTaskDefinition(f.stack, 'empty', { family: 'empty', dataClass: 'internal', logsKey: f.keys.logs });
    expect(() => Testing.synth(f.stack, true)).toThrow(/task definition empty has no containers/);
  });

  describe('rejections (typed errors before any resource is created)', () => {
    const cases: Array<[string, Partial<HardenedTaskDefinitionProps>, Partial<HardenedContainerProps>, string, string]> = [
      ['privileged container', {}, { privileged: true }, 'PRIVILEGED_CONTAINER', 'containers[0].privileged'],
      ['root user by name', {}, { user: 'root' }, 'ROOT_USER', 'containers[0].user'],
      ['root user by uid 0', {}, { user: '0' }, 'ROOT_USER', 'containers[0].user'],
      ['root group', {}, { user: '1000:0' }, 'ROOT_USER', 'containers[0].user'],
      ['user given by name', {}, { user: 'app' }, 'CONTAINER_USER', 'containers[0].user'],
      ['writable root filesystem', {}, { readonlyRootFilesystem: false }, 'WRITABLE_ROOT_FS', 'containers[0].readonlyRootFilesystem'],
      ['password in environment', {}, { environment: { DB_PASSWORD: 'hunter2' } }, 'SECRET_IN_ENVIRONMENT', 'containers[0].environment.DB_PASSWORD'],
      ['API token in environment', {}, { environment: { GITHUB_TOKEN: 'x' } }, 'SECRET_IN_ENVIRONMENT', 'containers[0].environment.GITHUB_TOKEN'],
      ['access key as a value', {}, { environment: { UPSTREAM: 'AKIAABCDEFGHIJKLMNOP' } }, 'SECRET_IN_ENVIRONMENT', 'containers[0].environment.UPSTREAM'],
      ['secret that is not an ARN', {}, { secrets: [{ name: 'DB_PASSWORD', valueFrom: 'hunter2' }] }, 'ARN_FORMAT', 'containers[0].secrets[0].valueFrom'],
      [
        'secret shadowing an environment variable',
        {},
        { environment: { MODE: 'a' }, secrets: [{ name: 'MODE', valueFrom: 'arn:aws:ssm:eu-central-1:123456789012:parameter/mode' }] },
        'DUPLICATE',
        'containers[0].secrets[0].name',
      ],
      ['host PID namespace', { pidMode: 'host' }, {}, 'HOST_NAMESPACE', 'pidMode'],
      ['host IPC namespace', { ipcMode: 'host' }, {}, 'HOST_NAMESPACE', 'ipcMode'],
      ['IPC mode on Fargate', { ipcMode: 'task' }, {}, 'FARGATE_UNSUPPORTED', 'ipcMode'],
      ['memory Fargate does not offer', { cpu: 256, memoryMiB: 4096 }, {}, 'FARGATE_SIZE', 'memoryMiB'],
      ['unknown cpu', { cpu: 300 }, {}, 'ENUM', 'cpu'],
      ['bad family', { family: 'shop web' }, {}, 'NAME_FORMAT', 'family'],
      ['port out of range', {}, { containerPort: 70000 }, 'OUT_OF_RANGE', 'containers[0].containerPort'],
      ['relative writable path', {}, { writablePaths: ['tmp'] }, 'PATH_FORMAT', 'containers[0].writablePaths[0]'],
      ['image with whitespace', {}, { image: 'nginx latest' }, 'IMAGE_FORMAT', 'containers[0].image'],
    ];
    test.each(cases)('%s', (_title, props, container, code, path) => {
      const f = fixture();
      const before = f.stack.node.findAll().length;
      const e = errorOf(() => new HardenedTaskDefinition(f.stack, 'task', { family: 'shop-web', dataClass: 'internal', logsKey: f.keys.logs, containers: [{ ...APP, ...container }], ...props }));
      expect(e).toBeInstanceOf(RampartValidationError);
      expect(e).toMatchObject({ code, path });
      // nothing but the (empty) construct itself was added
      expect(f.stack.node.findAll().length).toBeLessThanOrEqual(before + 1);
    });

    test('a secret value is never echoed in the error', () => {
      const e = errorOf(() => build({}, { environment: { UPSTREAM: 'postgres://app:hunter2@db:5432/app' } }));
      expect(e.code).toBe('SECRET_IN_ENVIRONMENT');
      expect(e.message).not.toContain('hunter2');
    });
  });

  describe('image pinning', () => {
    test.each([
      ['nginx', 'untagged'],
      ['nginx:latest', 'latest'],
      ['registry.example.com:5000/team/app', 'untagged'],
      ['registry.example.com:5000/team/app:1.2.3', 'tag'],
      [`nginx@${DIGEST}`, 'digest'],
      [`nginx:1.27@${DIGEST}`, 'digest'],
    ])('%s is %s', (image, pinning) => {
      expect(imagePinning(image)).toBe(pinning);
    });

    test.each(['nginx:latest', 'nginx'])('%s gives the workloads.image-not-pinned warning', (image) => {
      const { stack } = build({}, { image });
      const found = warnings(stack).filter((w) => w.startsWith(`[${IMAGE_NOT_PINNED_WARNING}]`));
      expect(found).toHaveLength(1);
      expect(found[0]).toContain('container web');
    });

    test('a fixed tag gives no warning', () => {
      const { stack } = build({}, { image: 'nginx:1.27.1' });
      expect(warnings(stack)).toEqual([]);
    });
  });

  test('helpers: Fargate sizes, ECR ARNs, environment checks', () => {
    expect(isFargateTaskSize(256, 512)).toBe(true);
    expect(isFargateTaskSize(256, 1536)).toBe(false);
    expect(isFargateTaskSize(4096, 30720)).toBe(true);
    expect(isFargateTaskSize(8192, 20480)).toBe(true);
    expect(isFargateTaskSize(8192, 18432)).toBe(false);
    expect(ecrRepositoryArn('123456789012.dkr.ecr.eu-west-1.amazonaws.com/a/b:1')).toBe('arn:aws:ecr:eu-west-1:123456789012:repository/a/b');
    expect(ecrRepositoryArn('docker.io/library/nginx:1')).toBeUndefined();
    expect(checkEnvironmentVariable('p', 'LOG_LEVEL', 'debug')).toBeUndefined();
    expect(checkEnvironmentVariable('p', 'PrivateKey', 'x')?.code).toBe('SECRET_IN_ENVIRONMENT');
  });
});
