import { Annotations } from 'cdktf';
import { RampartValidationError, ValidationIssue, assertValid, isUnresolved, validateIntegerRange } from '@rampart/core';
import { ContainerSecret, EcsSecretSource, containerSecretsFrom, findSecretsInEnvironment } from '@rampart/secrets';
import { IConstruct } from 'constructs';

/** A container health check, run inside the container. */
export interface ContainerHealthCheck {
  /** Command, e.g. `['CMD', '/healthcheck']` (the image has no shell when distroless). */
  readonly command: string[];
  /** @default 30 */
  readonly intervalSeconds?: number;
  /** @default 5 */
  readonly timeoutSeconds?: number;
  /** @default 3 */
  readonly retries?: number;
  /** @default 10 */
  readonly startPeriodSeconds?: number;
}

/** One container of a hardened task. Every hardening setting is fixed; the props that exist for them accept only the secure value. */
export interface HardenedContainerProps {
  /** Container name, unique in the task: letters, digits, hyphens, underscores (1-255). */
  readonly name: string;
  /**
   * Image reference. Pin it by digest (`repo@sha256:<64 hex>`); a `:latest` tag or no tag at all
   * gives the warning `workloads.image-not-pinned`.
   */
  readonly image: string;
  /** TCP port the container listens on (1-65535). @default - no port mapping */
  readonly containerPort?: number;
  /**
   * Numeric `uid` or `uid:gid` the process runs as. Root (`0`, `root`) and user names are
   * rejected: a name cannot be checked at synth and may map to root inside the image.
   * @default '1000:1000'
   */
  readonly user?: string;
  /** Plain configuration. Names or values that look like secrets are rejected (`SECRET_IN_ENVIRONMENT`); use `secrets`. @default - none */
  readonly environment?: Record<string, string>;
  /**
   * Secrets read by ECS at start, never written into the task definition. Either environment
   * variable name → source (`{ DB_PASSWORD: EcsSecret.fromSecret(secret, { jsonKey: 'password' }) }`),
   * which makes the task definition grant its execution role read access to exactly those
   * secrets and parameters; or a list of `{ name, valueFrom }` references (a Secrets Manager or
   * SSM parameter ARN), which must be granted separately (for example with `EcsSecrets` from
   * `@rampart/secrets`, or `secret.grantRead(taskDefinition.executionRole)`). List entries that
   * carry a `source` (`containerSecretsFrom`) are granted like the name → source form.
   * @default - none
   */
  readonly secrets?: readonly ContainerSecret[] | Readonly<Record<string, EcsSecretSource>>;
  /** @default - the image's */
  readonly command?: string[];
  /** @default - the image's */
  readonly entryPoint?: string[];
  /** @default true */
  readonly essential?: boolean;
  /** CPU units reserved for this container. @default - share of the task */
  readonly cpu?: number;
  /** Soft memory limit (MiB). @default - share of the task */
  readonly memoryReservationMiB?: number;
  /**
   * Absolute paths that stay writable while the root filesystem is read-only (for example
   * `/tmp`). Each gets a task-scoped ephemeral volume. @default - none
   */
  readonly writablePaths?: string[];
  /** Run an init process (PID 1) that reaps zombies and forwards signals. @default true */
  readonly initProcessEnabled?: boolean;
  /** @default - none */
  readonly healthCheck?: ContainerHealthCheck;
  /** Must be false or unset: privileged containers are rejected (`PRIVILEGED_CONTAINER`). @default false */
  readonly privileged?: boolean;
  /** Must be true or unset: a writable root filesystem is rejected (`WRITABLE_ROOT_FS`); use `writablePaths`. @default true */
  readonly readonlyRootFilesystem?: boolean;
}

/** How an image reference is pinned. */
export type ImagePinning = 'digest' | 'tag' | 'latest' | 'untagged' | 'unresolved';

/** Warning id for an image that is not pinned (`:latest` or no tag). */
export const IMAGE_NOT_PINNED_WARNING = 'workloads.image-not-pinned';

const DIGEST_RE = /@sha256:[a-f0-9]{64}$/;

/** Classifies an image reference: pinned by digest, a fixed tag, `latest`, or no tag at all. */
export function imagePinning(image: string): ImagePinning {
  if (isUnresolved(image)) return 'unresolved';
  if (DIGEST_RE.test(image)) return 'digest';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  if (colon < 0) return 'untagged';
  return lastSegment.slice(colon + 1) === 'latest' ? 'latest' : 'tag';
}

/** Connection URLs with an inline password (`scheme://user:password@host`), which the secrets guard does not cover. */
const URL_WITH_PASSWORD_RE = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i;

/**
 * Checks one environment variable for a secret with the secrets module's guard (names such as
 * PASSWORD, TOKEN, API_KEY; values such as access keys, PEM keys, GitHub or Slack tokens), plus
 * connection URLs carrying a password. Returns a `SECRET_IN_ENVIRONMENT` issue; the value is never echoed.
 */
export function checkEnvironmentVariable(path: string, name: string, value: unknown): ValidationIssue | undefined {
  const prefix = path.endsWith(`.${name}`) ? path.slice(0, -(name.length + 1)) : path;
  const [issue] = findSecretsInEnvironment({ [name]: typeof value === 'string' ? value : '' }, prefix);
  if (issue) return { ...issue, path };
  if (typeof value === 'string' && !isUnresolved(value) && URL_WITH_PASSWORD_RE.test(value)) {
    return { code: 'SECRET_IN_ENVIRONMENT', path, value: '(redacted)', rule: 'the value is a URL with a password: pass it as a container secret (valueFrom) instead' };
  }
  return undefined;
}

const SECRET_ARN_RE = /^arn:aws(-cn|-us-gov)?:(secretsmanager|ssm):[a-z0-9-]+:\d{12}:(secret:|parameter\/)/;
const ENV_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CONTAINER_NAME_RE = /^[A-Za-z0-9_-]{1,255}$/;

/**
 * The uid:gid rule: numeric, uid not 0, gid (when given) not 0.
 */
export function checkContainerUser(path: string, user: string): ValidationIssue | undefined {
  if (isUnresolved(user)) return undefined;
  const m = /^(\d+)(?::(\d+))?$/.exec(user);
  if (!m) {
    const root = /^root(:|$)/.test(user) || /:(0|root)$/.test(user);
    return root
      ? { code: 'ROOT_USER', path, value: user, rule: 'containers must not run as root' }
      : { code: 'CONTAINER_USER', path, value: user, rule: 'must be a numeric uid or uid:gid (a user name cannot be checked and may map to root)' };
  }
  if (Number(m[1]) === 0 || (m[2] !== undefined && Number(m[2]) === 0)) {
    return { code: 'ROOT_USER', path, value: user, rule: 'containers must not run as root (uid 0) or in the root group (gid 0)' };
  }
  return undefined;
}

/** Validates one container's props; throws the first problem as a RampartValidationError. */
export function validateContainer(path: string, props: HardenedContainerProps): void {
  if (typeof props.name !== 'string' || (!isUnresolved(props.name) && !CONTAINER_NAME_RE.test(props.name))) {
    throw new RampartValidationError({ code: 'NAME_FORMAT', path: `${path}.name`, value: props.name, rule: 'must be 1-255 letters, digits, hyphens or underscores' });
  }
  if (typeof props.image !== 'string' || (!isUnresolved(props.image) && (props.image.length === 0 || /\s/.test(props.image)))) {
    throw new RampartValidationError({ code: 'IMAGE_FORMAT', path: `${path}.image`, value: props.image, rule: 'must be an image reference without whitespace' });
  }
  if (props.privileged === true) {
    throw new RampartValidationError({ code: 'PRIVILEGED_CONTAINER', path: `${path}.privileged`, value: true, rule: 'privileged containers are not allowed' });
  }
  if (props.readonlyRootFilesystem === false) {
    throw new RampartValidationError({
      code: 'WRITABLE_ROOT_FS',
      path: `${path}.readonlyRootFilesystem`,
      value: false,
      rule: 'the root filesystem must be read-only; list writable directories in writablePaths',
    });
  }
  if (props.user !== undefined) assertValid(checkContainerUser(`${path}.user`, props.user));
  if (props.containerPort !== undefined) assertValid(validateIntegerRange(`${path}.containerPort`, props.containerPort, 1, 65535));
  for (const [name, value] of Object.entries(props.environment ?? {})) {
    if (!ENV_NAME_RE.test(name)) {
      throw new RampartValidationError({
        code: 'NAME_FORMAT',
        path: `${path}.environment.${name}`,
        value: name,
        rule: 'environment variable names are letters, digits and underscores, not starting with a digit',
      });
    }
    assertValid(checkEnvironmentVariable(`${path}.environment.${name}`, name, value));
  }
  const secretNames = new Set<string>();
  const keyed = props.secrets !== undefined && !Array.isArray(props.secrets);
  containerSecretList(props, `${path}.secrets`).forEach((secret, i) => {
    const p = keyed ? `${path}.secrets.${secret?.name}` : `${path}.secrets[${i}]`;
    if (typeof secret?.name !== 'string' || !ENV_NAME_RE.test(secret.name)) {
      throw new RampartValidationError({ code: 'NAME_FORMAT', path: `${p}.name`, value: secret?.name, rule: 'must be an environment variable name' });
    }
    if (secretNames.has(secret.name) || (props.environment && secret.name in props.environment)) {
      throw new RampartValidationError({ code: 'DUPLICATE', path: `${p}.name`, value: secret.name, rule: 'must not repeat another secret or an environment variable' });
    }
    secretNames.add(secret.name);
    if (typeof secret.valueFrom !== 'string' || (!isUnresolved(secret.valueFrom) && !SECRET_ARN_RE.test(secret.valueFrom))) {
      throw new RampartValidationError({ code: 'ARN_FORMAT', path: `${p}.valueFrom`, value: secret.valueFrom, rule: 'must be the ARN of a Secrets Manager secret or an SSM parameter' });
    }
  });
  (props.writablePaths ?? []).forEach((dir, i) => {
    if (typeof dir !== 'string' || !/^\/[A-Za-z0-9._\-/]*$/.test(dir) || dir === '/' || dir.split('/').includes('..')) {
      throw new RampartValidationError({ code: 'PATH_FORMAT', path: `${path}.writablePaths[${i}]`, value: dir, rule: 'must be an absolute directory path other than / without ".."' });
    }
  });
  if (props.cpu !== undefined) assertValid(validateIntegerRange(`${path}.cpu`, props.cpu, 0, 16384));
  if (props.memoryReservationMiB !== undefined) assertValid(validateIntegerRange(`${path}.memoryReservationMiB`, props.memoryReservationMiB, 6, 122880));
}

/**
 * A container's secrets as a `{ name, valueFrom, source? }` list, whichever form they were given
 * in (the name → source form is converted with `containerSecretsFrom`, which checks the names).
 */
export function containerSecretList(props: Pick<HardenedContainerProps, 'secrets'>, path = 'secrets'): readonly ContainerSecret[] {
  const secrets = props.secrets;
  if (secrets === undefined) return [];
  return isSecretList(secrets) ? secrets : containerSecretsFrom(secrets, path);
}

function isSecretList(secrets: NonNullable<HardenedContainerProps['secrets']>): secrets is readonly ContainerSecret[] {
  return Array.isArray(secrets);
}

/** Adds the `workloads.image-not-pinned` warning when the image is `:latest` or untagged. */
export function warnIfImageNotPinned(scope: IConstruct, containerName: string, image: string): void {
  const pinning = imagePinning(image);
  if (pinning === 'latest' || pinning === 'untagged') {
    Annotations.of(scope).addWarning(
      `[${IMAGE_NOT_PINNED_WARNING}] container ${containerName} uses ${pinning === 'latest' ? 'the latest tag' : 'no tag (implicitly latest)'} (${image}): ` +
        'a redeploy may run different code; pin the image by digest (repo@sha256:...)',
    );
  }
}

/** The ECS volume name for a writable path. */
export function writableVolumeName(containerName: string, dir: string): string {
  return `${containerName}-${dir.replace(/^\//, '').replace(/[^A-Za-z0-9]+/g, '-') || 'root'}`.slice(0, 255);
}

/** What the task definition needs to render a container. */
export interface ContainerRenderContext {
  readonly logGroupName: string;
  readonly region: string;
}

/** Renders one container definition (ECS JSON, camelCase) with every hardening setting fixed. */
export function renderContainer(props: HardenedContainerProps, ctx: ContainerRenderContext): Record<string, unknown> {
  const env = Object.entries(props.environment ?? {}).map(([name, value]) => ({ name, value }));
  const hc = props.healthCheck;
  return {
    name: props.name,
    image: props.image,
    essential: props.essential ?? true,
    user: props.user ?? '1000:1000',
    readonlyRootFilesystem: true,
    privileged: false,
    linuxParameters: {
      capabilities: { drop: ['ALL'] },
      initProcessEnabled: props.initProcessEnabled ?? true,
    },
    ...(props.cpu !== undefined ? { cpu: props.cpu } : {}),
    ...(props.memoryReservationMiB !== undefined ? { memoryReservation: props.memoryReservationMiB } : {}),
    ...(props.command ? { command: props.command } : {}),
    ...(props.entryPoint ? { entryPoint: props.entryPoint } : {}),
    portMappings: props.containerPort !== undefined ? [{ containerPort: props.containerPort, protocol: 'tcp' }] : [],
    environment: env,
    secrets: containerSecretList(props).map((s) => ({ name: s.name, valueFrom: s.valueFrom })),
    mountPoints: (props.writablePaths ?? []).map((dir) => ({ sourceVolume: writableVolumeName(props.name, dir), containerPath: dir, readOnly: false })),
    volumesFrom: [],
    ...(hc
      ? {
          healthCheck: {
            command: hc.command,
            interval: hc.intervalSeconds ?? 30,
            timeout: hc.timeoutSeconds ?? 5,
            retries: hc.retries ?? 3,
            startPeriod: hc.startPeriodSeconds ?? 10,
          },
        }
      : {}),
    logConfiguration: {
      logDriver: 'awslogs',
      options: {
        'awslogs-group': ctx.logGroupName,
        'awslogs-region': ctx.region,
        'awslogs-stream-prefix': props.name,
      },
    },
  };
}
