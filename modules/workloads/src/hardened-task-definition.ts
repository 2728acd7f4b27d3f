import { Annotations, Aspects, IAspect, Lazy, TerraformStack } from 'cdktf';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import {
  DataClass,
  IKmsKey,
  IRoleGrantee,
  RampartValidationError,
  assertValid,
  isUnresolved,
  validateIntegerRange,
  validateOneOf,
  PolicyStatement,
  renderPolicy,
  serviceTrustPolicy,
  StackContext,
  FARGATE_TASK_SIZES,
  isFargateTaskSize,
} from '@rampart/core';
import { RetentionPolicy } from '@rampart/logging';
import { EcsSecrets, EcsSecretSource, ecsSecretReadStatements } from '@rampart/secrets';
import { Construct, IConstruct } from 'constructs';
import { HardenedContainerProps, containerSecretList, renderContainer, validateContainer, warnIfImageNotPinned, writableVolumeName } from './container';
import { EncryptedLogGroup } from './encrypted-log-group';
import { assertLogsKey } from './key-checks';
import { resolveLogRetention } from './log-retention';
export { FARGATE_TASK_SIZES, isFargateTaskSize } from '@rampart/core';

/**
 * Directories the ECS Exec agent writes to inside a container: its binaries and configuration
 * (`/managed-agents`), its state (`/var/lib/amazon/ssm`) and its logs (`/var/log/amazon/ssm`).
 * AWS documents ECS Exec as unsupported with a read-only root filesystem; making these three
 * writable is the workaround reported to work on Fargate.
 */
export const ECS_EXEC_WRITABLE_PATHS: readonly string[] = ['/managed-agents', '/var/lib/amazon/ssm', '/var/log/amazon/ssm'];

/** Warning id: an image the execution role got no pull permission for (not a private ECR reference, or a token). */
export const IMAGE_PULL_NOT_GRANTED_WARNING = 'workloads.image-pull-not-granted';
/** Warning id: a container secret given by reference only (no source), that no EcsSecrets granted to the task's execution role. */
export const SECRET_NOT_GRANTED_WARNING = 'workloads.secret-not-granted';

/** Properties of a {@link HardenedTaskDefinition}. */
export interface HardenedTaskDefinitionProps {
  /** Task family, also the base of the role and log group names: letters, digits, hyphens, underscores (1-50). */
  readonly family: string;
  /** Task CPU units: 256, 512, 1024, 2048, 4096, 8192 or 16384. @default 256 */
  readonly cpu?: number;
  /** Task memory (MiB); must be a size Fargate allows for `cpu`. @default 512 */
  readonly memoryMiB?: number;
  /** Data class the task processes: sets its log retention. (A task definition holds no data, so it carries no DataClassification label.) */
  readonly dataClass: DataClass;
  /** Key for the container log group: the `logs` key or the key of `dataClass`. */
  readonly logsKey: IKmsKey;
  /**
   * Log retention (days), a CloudWatch Logs period not below the retention policy's value for the class.
   * @default - the policy's application-pii retention (365) for pii, financial, health, restricted; application (30) otherwise
   */
  readonly logRetentionDays?: number;
  /** The retention table log retention comes from (the logging module's RetentionPolicy). @default RetentionPolicy.DEFAULT */
  readonly retention?: RetentionPolicy;
  /** Containers; more can be added with `addContainer`. At least one is required by synth. @default - none */
  readonly containers?: HardenedContainerProps[];
  /** @default 'X86_64' */
  readonly cpuArchitecture?: 'X86_64' | 'ARM64';
  /** Only `task` is accepted; `host` is rejected (`HOST_NAMESPACE`). @default - own PID namespace per container */
  readonly pidMode?: string;
  /** Fargate supports no IPC mode; `host` is rejected as `HOST_NAMESPACE`, anything else as `FARGATE_UNSUPPORTED`. @default - none */
  readonly ipcMode?: string;
  /** Ephemeral storage (GiB, 21-200), encrypted by Fargate. @default - 20 GiB */
  readonly ephemeralStorageGiB?: number;
}

/**
 * A Fargate task definition whose containers cannot be run insecurely: a non-root numeric user,
 * a read-only root filesystem, not privileged, every Linux capability dropped, no host
 * namespaces (awsvpc), logs to a KMS-encrypted log group kept as long as the data class
 * requires. The execution role (pull image, write logs, read secrets) and the task role (what
 * the application may call) are separate and start with nothing beyond what ECS needs.
 */
export class HardenedTaskDefinition extends Construct {
  public readonly family: string;
  public readonly taskDefinitionArn: string;
  /** Role ECS uses to start the task: pulls the image, writes logs, reads `secrets`. */
  public readonly executionRole: IRoleGrantee;
  /** Role the application runs as; no permissions until granted. */
  public readonly taskRole: IRoleGrantee;
  public readonly logGroup: EncryptedLogGroup;
  public readonly dataClass: DataClass;
  /** Escape hatch: the provider resource. */
  public readonly resource: EcsTaskDefinition;

  private readonly containerProps: HardenedContainerProps[] = [];
  /** Writable paths every container gets (ECS Exec's agent directories, once enabled). */
  private readonly sharedWritablePaths: string[] = [];
  private readonly context: StackContext;

  constructor(scope: Construct, id: string, props: HardenedTaskDefinitionProps) {
    super(scope, id);
    const cpu = props.cpu ?? 256;
    const memory = props.memoryMiB ?? 512;
    const arch = props.cpuArchitecture ?? 'X86_64';

    if (typeof props.family !== 'string' || (!isUnresolved(props.family) && !/^[A-Za-z0-9_-]{1,50}$/.test(props.family))) {
      throw new RampartValidationError({ code: 'NAME_FORMAT', path: 'family', value: props.family, rule: 'must be 1-50 letters, digits, hyphens or underscores' });
    }
    assertValid(validateOneOf('cpu', cpu, Object.keys(FARGATE_TASK_SIZES).map(Number)));
    if (!isUnresolved(memory) && !isFargateTaskSize(cpu, memory)) {
      const s = FARGATE_TASK_SIZES[cpu];
      throw new RampartValidationError({
        code: 'FARGATE_SIZE',
        path: 'memoryMiB',
        value: memory,
        rule: `with cpu ${cpu} Fargate allows ${s.extra ? `${s.extra.join(', ')} or ` : ''}${s.min}-${s.max} MiB in steps of ${s.step}`,
      });
    }
    assertValid(validateOneOf('cpuArchitecture', arch, ['X86_64', 'ARM64']));
    for (const [field, value] of [
      ['pidMode', props.pidMode],
      ['ipcMode', props.ipcMode],
    ] as const) {
      if (value === 'host') throw new RampartValidationError({ code: 'HOST_NAMESPACE', path: field, value, rule: 'containers must not share the host namespaces' });
    }
    if (props.pidMode !== undefined && props.pidMode !== 'task') {
      throw new RampartValidationError({ code: 'FARGATE_UNSUPPORTED', path: 'pidMode', value: props.pidMode, rule: 'Fargate accepts only pidMode "task"' });
    }
    if (props.ipcMode !== undefined) {
      throw new RampartValidationError({ code: 'FARGATE_UNSUPPORTED', path: 'ipcMode', value: props.ipcMode, rule: 'Fargate does not support ipcMode' });
    }
    if (props.ephemeralStorageGiB !== undefined) assertValid(validateIntegerRange('ephemeralStorageGiB', props.ephemeralStorageGiB, 21, 200));
    (props.containers ?? []).forEach((c, i, all) =>
      this.checkContainer(
        `containers[${i}]`,
        c,
        all.slice(0, i).map((x) => x.name),
      ),
    );

    // Every input is checked before anything is created (the log group re-checks the same values).
    assertLogsKey('logsKey', props.logsKey, props.dataClass);
    resolveLogRetention('logRetentionDays', props.dataClass, props.logRetentionDays, props.retention);

    this.family = props.family;
    this.dataClass = props.dataClass;
    this.context = StackContext.of(this);
    this.logGroup = new EncryptedLogGroup(this, 'logs', {
      name: `/ecs/${props.family}`,
      key: props.logsKey,
      dataClass: props.dataClass,
      retentionDays: props.logRetentionDays,
      retention: props.retention,
      errorPaths: { key: 'logsKey', retentionDays: 'logRetentionDays' },
    });

    const execution = new IamRole(this, 'execution-role', {
      name: `${props.family}-execution`,
      description: `ECS task execution role of ${props.family}: image pull, logs, start-time secrets`,
      assumeRolePolicy: renderPolicy(serviceTrustPolicy('ecs-tasks.amazonaws.com')),
      maxSessionDuration: 3600,
    });
    new IamRolePolicy(this, 'execution-policy', {
      role: execution.name,
      name: 'task-start',
      policy: Lazy.stringValue({ produce: () => renderPolicy(this.executionStatements()) }),
    });
    const task = new IamRole(this, 'task-role', {
      name: `${props.family}-task`,
      description: `ECS task role of ${props.family}: what the application may call`,
      assumeRolePolicy: renderPolicy(
        serviceTrustPolicy('ecs-tasks.amazonaws.com', {
          ArnLike: { 'aws:SourceArn': `arn:${this.context.partition}:ecs:${this.context.region}:${this.context.accountId}:*` },
          StringEquals: { 'aws:SourceAccount': this.context.accountId },
        }),
      ),
      maxSessionDuration: 3600,
    });
    this.executionRole = { roleName: execution.name, roleArn: execution.arn };
    this.taskRole = { roleName: task.name, roleArn: task.arn };

    this.resource = new EcsTaskDefinition(this, 'task', {
      family: props.family,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: String(cpu),
      memory: String(memory),
      executionRoleArn: execution.arn,
      taskRoleArn: task.arn,
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: arch },
      ...(props.pidMode ? { pidMode: props.pidMode } : {}),
      ...(props.ephemeralStorageGiB !== undefined ? { ephemeralStorage: { sizeInGib: props.ephemeralStorageGiB } } : {}),
      containerDefinitions: Lazy.stringValue({
        produce: () => JSON.stringify(this.containerProps.map((c) => renderContainer(this.withSharedPaths(c), { logGroupName: this.logGroup.logGroupName, region: this.context.region }))),
      }),
    });
    this.taskDefinitionArn = this.resource.arn;

    for (const c of props.containers ?? []) this.register(c);
    // Grants are checked once the whole tree exists (EcsSecrets may be built after the task definition).
    let checked = false;
    const grantCheck: IAspect = {
      visit: (node: IConstruct) => {
        if (node !== this || checked) return;
        checked = true;
        this.warnAboutMissingGrants();
      },
    };
    Aspects.of(this).add(grantCheck);
    this.node.addValidation({
      validate: () => (this.containerProps.length === 0 ? [`[workloads] task definition ${props.family} has no containers: pass containers or call addContainer`] : []),
    });
  }

  /** Adds a container; validated like those passed in props. */
  public addContainer(container: HardenedContainerProps): void {
    this.checkContainer(`containers[${this.containerProps.length}]`, container);
    this.register(container);
  }

  /**
   * Makes the directories the ECS Exec agent (the SSM agent ECS injects) writes to writable in
   * every container, as task-scoped ephemeral volumes, while the root filesystem stays
   * read-only: {@link ECS_EXEC_WRITABLE_PATHS}. Called by a {@link HardenedService} that enables
   * ECS Exec; idempotent.
   */
  public addExecuteCommandPaths(): void {
    for (const dir of ECS_EXEC_WRITABLE_PATHS) {
      if (!this.sharedWritablePaths.includes(dir)) this.sharedWritablePaths.push(dir);
    }
    this.updateVolumes();
  }

  /** Names and ports of the containers, in order. */
  public get containers(): ReadonlyArray<{ readonly name: string; readonly containerPort?: number }> {
    return this.containerProps.map((c) => ({ name: c.name, containerPort: c.containerPort }));
  }

  /** The first container that maps a port: what a load balancer sends traffic to. */
  public get defaultContainer(): { readonly name: string; readonly containerPort: number } | undefined {
    const c = this.containerProps.find((x) => x.containerPort !== undefined);
    return c ? { name: c.name, containerPort: c.containerPort! } : undefined;
  }

  private checkContainer(path: string, container: HardenedContainerProps, taken: readonly string[] = this.containerProps.map((c) => c.name)): void {
    validateContainer(path, container);
    if (taken.some((name) => name === container.name)) {
      throw new RampartValidationError({ code: 'DUPLICATE', path: `${path}.name`, value: container.name, rule: 'container names must be unique in a task' });
    }
  }

  private register(container: HardenedContainerProps): void {
    this.containerProps.push(container);
    warnIfImageNotPinned(this, container.name, container.image);
    this.updateVolumes();
  }

  /**
   * Warns (stable ids) where the execution role was given nothing: images that are not private
   * ECR references (`workloads.image-pull-not-granted`), and secrets given as bare references
   * that no `EcsSecrets` granted to this execution role (`workloads.secret-not-granted`): ECS
   * would fail to start the task. Secrets given with their source are granted by
   * {@link executionStatements}.
   */
  private warnAboutMissingGrants(): void {
    const granted = new Set(
      TerraformStack.of(this)
        .node.findAll()
        .filter((c): c is EcsSecrets => c instanceof EcsSecrets && c.policy.roleInput === this.executionRole.roleName)
        .flatMap((e) => e.containerSecrets.map((cs) => cs.valueFrom)),
    );
    for (const c of this.containerProps) {
      if (ecrRepositoryArn(c.image) === undefined) {
        Annotations.of(this).addWarning(
          `[${IMAGE_PULL_NOT_GRANTED_WARNING}] container ${c.name}: ${isUnresolved(c.image) ? 'the image is unresolved at synth' : `image ${c.image} is not a private ECR image`}, ` +
            'so the execution role was granted no pull permission: this works for a public registry only; for a private ECR repository use its full <account>.dkr.ecr.<region>.amazonaws.com/<repo> reference',
        );
      }
      for (const secret of containerSecretList(c)) {
        if (secret.source === undefined && !granted.has(secret.valueFrom)) {
          Annotations.of(this).addWarning(
            `[${SECRET_NOT_GRANTED_WARNING}] container ${c.name}: secret ${secret.name} is a bare reference that was not granted to the execution role by EcsSecrets (@rampart/secrets); ` +
              'unless it is granted some other way, the task fails to start: give the secret by source ({ NAME: EcsSecret.fromSecret(secret) }) and the execution role is granted read',
          );
        }
      }
    }
  }

  private withSharedPaths(c: HardenedContainerProps): HardenedContainerProps {
    if (this.sharedWritablePaths.length === 0) return c;
    const own = c.writablePaths ?? [];
    return { ...c, writablePaths: [...own, ...this.sharedWritablePaths.filter((d) => !own.includes(d))] };
  }

  private updateVolumes(): void {
    const volumes = this.containerProps.map((c) => this.withSharedPaths(c)).flatMap((c) => (c.writablePaths ?? []).map((dir) => ({ name: writableVolumeName(c.name, dir) })));
    this.resource.putVolume(volumes);
  }

  /**
   * Least privilege for starting the task: write to its own log group; pull only its own ECR
   * repositories; read exactly the secrets and parameters its containers were given by source.
   */
  private executionStatements(): PolicyStatement[] {
    const statements: PolicyStatement[] = [
      {
        Sid: 'WriteOwnLogGroup',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: [`${this.logGroup.logGroupArn}:log-stream:*`],
      },
    ];
    const repos = [...new Set(this.containerProps.map((c) => ecrRepositoryArn(c.image, this.context.partition)).filter((a): a is string => a !== undefined))];
    if (repos.length > 0) {
      statements.push(
        // GetAuthorizationToken has no resource-level permissions.
        { Sid: 'EcrLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
        { Sid: 'PullOwnImages', Effect: 'Allow', Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'], Resource: repos },
      );
    }
    const sources = this.containerProps.flatMap((c) => containerSecretList(c).flatMap((s): EcsSecretSource[] => (s.source ? [s.source] : [])));
    statements.push(...ecsSecretReadStatements(sources, this.context.region));
    return statements;
  }
}

const ECR_IMAGE_RE = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([a-z0-9._\-/]+?)(?::[\w.-]+)?(?:@sha256:[a-f0-9]{64})?$/;

/** The repository ARN of a private ECR image reference, or undefined for any other registry. */
export function ecrRepositoryArn(image: string, partition = 'aws'): string | undefined {
  if (isUnresolved(image)) return undefined;
  const m = ECR_IMAGE_RE.exec(image);
  return m ? `arn:${partition}:ecr:${m[2]}:${m[1]}:repository/${m[3]}` : undefined;
}
