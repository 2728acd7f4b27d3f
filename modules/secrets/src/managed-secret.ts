import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretRotation } from '@cdktf/provider-aws/lib/secretsmanager-secret-rotation';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { IGrantable, IKmsKey, NameParts, StackContext, assertAllValid, isUnresolved, reportOptOut, resourceName, validateIntegerRange, validateName } from '@rampart/core';
import { Construct } from 'constructs';
import { ISecret } from './contracts';
import { ReadGrant, ReadGrants, secretReadStatements } from './read-grants';
import { SecretValue } from './secret-value';
import { generatedExpression, secretsKeyIssue } from './value-wiring';

/** Rotation by a Lambda function. */
export interface SecretRotation {
  /** ARN of the rotation function (`arn:aws:lambda:<region>:<account>:function:<name>`). */
  readonly functionArn: string;
  /** Rotate every N days, 1 to 1000. Give this or `scheduleExpression`. @default - none */
  readonly automaticallyAfterDays?: number;
  /** `rate(...)` or `cron(...)` schedule. Give this or `automaticallyAfterDays`. @default - none */
  readonly scheduleExpression?: string;
  /** Rotation window length, e.g. `3h`. @default - Secrets Manager's default (the whole window) */
  readonly duration?: string;
  /** Rotate once as soon as rotation is configured. @default true */
  readonly rotateImmediately?: boolean;
}

/** Properties of a ManagedSecret. */
export interface ManagedSecretProps {
  /** Prefix and environment; the secret is named `<prefix>-<env>-<name>`. */
  readonly names: NameParts;
  /** Name segment: lowercase letters, digits, hyphens. Changing it replaces the secret. */
  readonly name: string;
  /** The secrets key (purpose `secrets`). */
  readonly key: IKmsKey;
  /** Where the value comes from. @default SecretValue.generated() */
  readonly value?: SecretValue;
  /**
   * Production secrets keep the full 30-day recovery window.
   * @default true
   */
  readonly production?: boolean;
  /**
   * Days a deleted secret can still be restored, 7 to 30. Outside production only; production requires 30.
   * @default 30
   */
  readonly recoveryWindowInDays?: number;
  /** Rotation by a Lambda function. @default - no rotation */
  readonly rotation?: SecretRotation;
  /** Description. @default - none */
  readonly description?: string;
}

const LAMBDA_ARN_RE = /^arn:aws(-cn|-us-gov)?:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]+)?$/;
const SCHEDULE_RE = /^(rate\(\d+ (hours?|days?)\)|cron\(.+\))$/;

/**
 * A Secrets Manager secret encrypted with the secrets key, with a 30-day recovery window,
 * optional rotation, and a value that never appears as plaintext in cdk.tf.json.
 */
export class ManagedSecret extends Construct implements ISecret {
  public readonly secretArn: string;
  public readonly secretName: string;
  public readonly encryptionKey: IKmsKey;
  /** Escape hatch: the `aws_secretsmanager_secret`. */
  public readonly resource: SecretsmanagerSecret;
  /** The version holding the value, unless the value is external. */
  public readonly version?: SecretsmanagerSecretVersion;
  /** The rotation, when configured. */
  public readonly rotation?: SecretsmanagerSecretRotation;

  private readonly readGrants = new ReadGrants(this, 'secret-read-');

  constructor(scope: Construct, id: string, props: ManagedSecretProps) {
    super(scope, id);
    const value = props.value ?? SecretValue.generated();
    const production = props.production ?? true;
    const recoveryWindowInDays = props.recoveryWindowInDays ?? 30;
    const r = props.rotation;
    assertAllValid([
      validateName('name', props.name, { maxLength: 64 }),
      secretsKeyIssue(props.key),
      validateIntegerRange('recoveryWindowInDays', recoveryWindowInDays, 7, 30),
      production && typeof recoveryWindowInDays === 'number' && recoveryWindowInDays !== 30 && !isUnresolved(recoveryWindowInDays)
        ? { code: 'INSECURE', path: 'recoveryWindowInDays', value: recoveryWindowInDays, rule: 'must be 30 in production' }
        : undefined,
      r && !isUnresolved(r.functionArn) && !LAMBDA_ARN_RE.test(r.functionArn)
        ? { code: 'ARN_FORMAT', path: 'rotation.functionArn', value: r.functionArn, rule: 'must be a Lambda function ARN arn:aws:lambda:<region>:<account>:function:<name>' }
        : undefined,
      r && (r.automaticallyAfterDays === undefined) === (r.scheduleExpression === undefined)
        ? {
            code: 'CONFLICT',
            path: 'rotation',
            value: { automaticallyAfterDays: r.automaticallyAfterDays, scheduleExpression: r.scheduleExpression },
            rule: 'give exactly one of automaticallyAfterDays and scheduleExpression',
          }
        : undefined,
      r?.automaticallyAfterDays === undefined ? undefined : validateIntegerRange('rotation.automaticallyAfterDays', r.automaticallyAfterDays, 1, 1000),
      r?.scheduleExpression === undefined || isUnresolved(r.scheduleExpression) || SCHEDULE_RE.test(r.scheduleExpression)
        ? undefined
        : { code: 'SCHEDULE', path: 'rotation.scheduleExpression', value: r.scheduleExpression, rule: 'must be rate(<n> hours|days) or cron(...)' },
    ]);

    this.encryptionKey = props.key;
    this.secretName = resourceName(props.names, props.name, 512);
    this.resource = new SecretsmanagerSecret(this, 'secret', {
      name: this.secretName,
      description: props.description,
      kmsKeyId: props.key.keyArn,
      recoveryWindowInDays,
    });
    this.secretArn = this.resource.arn;

    const spec = value.spec;
    if (spec.kind === 'generated') {
      this.version = new SecretsmanagerSecretVersion(this, 'value', {
        secretId: this.resource.id,
        secretStringWo: generatedExpression(this, spec),
        secretStringWoVersion: 1,
      });
    } else if (spec.kind === 'input') {
      this.version = new SecretsmanagerSecretVersion(this, 'value', { secretId: this.resource.id, secretString: spec.value });
      reportOptOut(this, {
        id: 'secrets.caller-supplied-value',
        message: `secret ${this.secretName} takes its value from the caller: the value is stored in the Terraform state (keep the state encrypted and access-controlled); prefer SecretValue.generated() or SecretValue.external()`,
        reason: spec.reason,
      });
    }

    if (r) {
      this.rotation = new SecretsmanagerSecretRotation(this, 'rotation', {
        secretId: this.resource.id,
        rotationLambdaArn: r.functionArn,
        rotateImmediately: r.rotateImmediately ?? true,
        rotationRules: {
          automaticallyAfterDays: r.automaticallyAfterDays,
          scheduleExpression: r.scheduleExpression,
          duration: r.duration,
        },
        dependsOn: this.version ? [this.version] : undefined,
      });
    }
  }

  /**
   * Lets the grantee's role read this secret: `secretsmanager:GetSecretValue` and
   * `DescribeSecret` on exactly this secret's ARN, and `kms:Decrypt` on its key only through
   * Secrets Manager in the stack's region (`kms:ViaService`). The statements go into an inline
   * policy on the role (`aws_iam_role_policy`, name prefix `secret-read-`); granting the same
   * role twice adds nothing.
   */
  public grantRead(grantee: IGrantable): ReadGrant {
    return this.readGrants.grant(grantee, secretReadStatements([this], StackContext.of(this).region));
  }
}
