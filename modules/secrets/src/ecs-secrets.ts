import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IRoleGrantee, assertAllValid, validateRegion, PolicyStatement, renderPolicy } from '@rampart/core';
import { Construct } from 'constructs';
import { ISecret, ISecureParameter } from './contracts';
import { parameterReadStatements, secretReadStatements } from './read-grants';

/** Where one container secret comes from. Build with `EcsSecret.fromSecret` / `EcsSecret.fromParameter`. */
export type EcsSecretSource = { readonly kind: 'secret'; readonly secret: ISecret; readonly jsonKey?: string } | { readonly kind: 'parameter'; readonly parameter: ISecureParameter };

/** Builders for container secret sources. */
export const EcsSecret = {
  /** A whole Secrets Manager secret, or one key of its JSON value. */
  fromSecret(secret: ISecret, options: { readonly jsonKey?: string } = {}): EcsSecretSource {
    return { kind: 'secret', secret, jsonKey: options.jsonKey };
  },
  /** An SSM SecureString parameter. */
  fromParameter(parameter: ISecureParameter): EcsSecretSource {
    return { kind: 'parameter', parameter };
  },
};

/** One entry of a container definition's `secrets` list. */
export interface ContainerSecret {
  readonly name: string;
  readonly valueFrom: string;
  /**
   * The secret or parameter `valueFrom` reads, when the entry was built from one
   * ({@link containerSecretsFrom}): a task definition that gets it grants its execution role
   * read access. Not written into the container definition.
   * @default - none: read access must be granted separately (EcsSecrets, or `grantRead`)
   */
  readonly source?: EcsSecretSource;
}

/** Properties of EcsSecrets. */
export interface EcsSecretsProps {
  /** The task's execution role: ECS uses it to fetch the values when the task starts. */
  readonly executionRole: IRoleGrantee;
  /** Environment variable name → source. Names are letters, digits and underscores, not starting with a digit. */
  readonly secrets: Readonly<Record<string, EcsSecretSource>>;
  /** Region of the secrets, for the `kms:ViaService` condition. @default - looked up with `aws_region` */
  readonly region?: string;
}

const ENV_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;
const JSON_KEY_RE = /^[^:]{1,256}$/;

/** The `valueFrom` of a source: the parameter ARN, the secret ARN, or `<secret ARN>:<json key>::`. */
export function ecsSecretValueFrom(s: EcsSecretSource): string {
  return s.kind === 'parameter' ? s.parameter.parameterArn : s.jsonKey ? `${s.secret.secretArn}:${s.jsonKey}::` : s.secret.secretArn;
}

function sourceIssues(entries: ReadonlyArray<readonly [string, EcsSecretSource]>, path: string) {
  return [
    ...entries.map(([name]) =>
      ENV_NAME_RE.test(name) ? undefined : { code: 'ENV_NAME', path: `${path}.${name}`, value: name, rule: 'must be letters, digits and underscores, not starting with a digit' },
    ),
    ...entries.map(([name, s]) =>
      s.kind === 'secret' && s.jsonKey !== undefined && !JSON_KEY_RE.test(s.jsonKey)
        ? { code: 'JSON_KEY', path: `${path}.${name}.jsonKey`, value: s.jsonKey, rule: 'must be 1-256 characters without ":"' }
        : undefined,
    ),
  ];
}

/**
 * Container secrets (environment variable name → source) as a container definition's
 * `secrets` list, each entry carrying its source: give them to a task definition
 * (`HardenedTaskDefinition` in @rampart/workloads) and it grants its execution role read access.
 * Throws for a malformed name or JSON key.
 */
export function containerSecretsFrom(secrets: Readonly<Record<string, EcsSecretSource>>, path = 'secrets'): ContainerSecret[] {
  const entries = Object.entries(secrets);
  assertAllValid(sourceIssues(entries, path));
  return entries.map(([name, source]) => ({ name, valueFrom: ecsSecretValueFrom(source), source }));
}

/**
 * What an execution role needs to fetch these sources when a task starts: read on exactly the
 * secrets' and parameters' ARNs (`secretsmanager:GetSecretValue`/`DescribeSecret`,
 * `ssm:GetParameter(s)`) and `kms:Decrypt` on their keys only through Secrets Manager or SSM in
 * `region`.
 */
export function ecsSecretReadStatements(sources: readonly EcsSecretSource[], region: string): PolicyStatement[] {
  return [
    ...secretReadStatements(
      sources.flatMap((s) => (s.kind === 'secret' ? [s.secret] : [])),
      region,
    ),
    ...parameterReadStatements(
      sources.flatMap((s) => (s.kind === 'parameter' ? [s.parameter] : [])),
      region,
    ),
  ];
}

/**
 * Wires secrets and SecureString parameters into an ECS container definition: `containerSecrets`
 * is the `secrets: [{ name, valueFrom }]` list, and the execution role gets an inline policy of
 * {@link ecsSecretReadStatements}: read on exactly those secrets and parameters, `kms:Decrypt`
 * on the secrets' keys only through Secrets Manager, and on the parameters' keys only through
 * SSM (one statement each, so a key shared by both is listed in both, each with its own service).
 * A `HardenedTaskDefinition` (@rampart/workloads) does the same by itself for secrets given to
 * its containers by source.
 */
export class EcsSecrets extends Construct {
  /** For the container definition's `secrets`. */
  public readonly containerSecrets: readonly ContainerSecret[];
  /** The execution role's inline policy. */
  public readonly policy: IamRolePolicy;
  /** The policy statements (tokens unresolved). */
  public readonly statements: readonly PolicyStatement[];

  constructor(scope: Construct, id: string, props: EcsSecretsProps) {
    super(scope, id);
    const entries = Object.entries(props.secrets);
    assertAllValid([
      entries.length === 0 ? { code: 'REQUIRED', path: 'secrets', value: props.secrets, rule: 'must name at least one secret' } : undefined,
      ...sourceIssues(entries, 'secrets'),
      props.region === undefined ? undefined : validateRegion('region', props.region),
    ]);
    const region = props.region ?? new DataAwsRegion(this, 'region').name;

    this.containerSecrets = entries.map(([name, s]) => ({ name, valueFrom: ecsSecretValueFrom(s) }));

    const statements = ecsSecretReadStatements(
      entries.map(([, source]) => source),
      region,
    );
    this.statements = statements;
    this.policy = new IamRolePolicy(this, 'policy', {
      role: props.executionRole.roleName,
      namePrefix: 'ecs-secrets-',
      policy: renderPolicy(statements),
    });
  }
}
