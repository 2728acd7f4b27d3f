import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { IGrantable, IKmsKey, NameParts, StackContext, assertAllValid, reportOptOut, validateName } from '@rampart/core';
import { Construct } from 'constructs';
import { ISecureParameter } from './contracts';
import { ReadGrant, ReadGrants, parameterReadStatements } from './read-grants';
import { SecretValue } from './secret-value';
import { generatedExpression, secretsKeyIssue } from './value-wiring';

/** Placeholder written when the value is set outside Terraform. Not a secret. */
export const EXTERNAL_VALUE_PLACEHOLDER = 'set-outside-terraform';

/** Properties of a SecureParameter. */
export interface SecureParameterProps {
  /** Prefix and environment; the parameter is named `/<prefix>/<env>/<name>`. */
  readonly names: NameParts;
  /** Name segment: lowercase letters, digits, hyphens. Changing it replaces the parameter. */
  readonly name: string;
  /** The secrets key (purpose `secrets`). */
  readonly key: IKmsKey;
  /**
   * Where the value comes from. With `external()`, Terraform writes a placeholder once and never
   * overwrites the value set later (ignore_changes on value).
   * @default SecretValue.generated()
   */
  readonly value?: SecretValue;
  /** Description. @default - none */
  readonly description?: string;
}

/** An SSM SecureString parameter encrypted with the secrets key. */
export class SecureParameter extends Construct implements ISecureParameter {
  public readonly parameterArn: string;
  public readonly parameterName: string;
  public readonly encryptionKey: IKmsKey;
  /** Escape hatch: the `aws_ssm_parameter`. */
  public readonly resource: SsmParameter;

  private readonly readGrants = new ReadGrants(this, 'parameter-read-');

  constructor(scope: Construct, id: string, props: SecureParameterProps) {
    super(scope, id);
    const value = props.value ?? SecretValue.generated();
    assertAllValid([
      validateName('names.prefix', props.names.prefix),
      validateName('names.environment', props.names.environment),
      validateName('name', props.name, { maxLength: 64 }),
      secretsKeyIssue(props.key),
    ]);
    this.encryptionKey = props.key;
    this.parameterName = `/${props.names.prefix}/${props.names.environment}/${props.name}`;
    const spec = value.spec;
    this.resource = new SsmParameter(this, 'parameter', {
      name: this.parameterName,
      type: 'SecureString',
      tier: 'Standard',
      keyId: props.key.keyArn,
      description: props.description,
      ...(spec.kind === 'generated' ? { valueWo: generatedExpression(this, spec), valueWoVersion: 1 } : {}),
      ...(spec.kind === 'input' ? { value: spec.value } : {}),
      ...(spec.kind === 'external' ? { value: EXTERNAL_VALUE_PLACEHOLDER, lifecycle: { ignoreChanges: ['value'] } } : {}),
    });
    if (spec.kind === 'input') {
      reportOptOut(this, {
        id: 'secrets.caller-supplied-value',
        message: `parameter ${this.parameterName} takes its value from the caller: the value is stored in the Terraform state (keep the state encrypted and access-controlled); prefer SecretValue.generated() or SecretValue.external()`,
        reason: spec.reason,
      });
    }
    this.parameterArn = this.resource.arn;
  }

  /**
   * Lets the grantee's role read this parameter: `ssm:GetParameter` and `ssm:GetParameters` on
   * exactly this parameter's ARN, and `kms:Decrypt` on its key only through SSM in the stack's
   * region (`kms:ViaService`). The statements go into an inline policy on the role
   * (`aws_iam_role_policy`, name prefix `parameter-read-`); granting the same role twice adds nothing.
   */
  public grantRead(grantee: IGrantable): ReadGrant {
    return this.readGrants.grant(grantee, parameterReadStatements([this], StackContext.of(this).region));
  }
}
