import { TerraformElement, TerraformStack, Token, ref } from 'cdktf';
import { Construct } from 'constructs';

/** Settings of a generated password. */
export interface RandomPasswordConfig {
  readonly length: number;
  readonly excludePunctuation: boolean;
  readonly excludeCharacters: string;
}

/**
 * An `ephemeral "aws_secretsmanager_random_password"` block (Terraform 1.10+). Its value exists
 * only while Terraform runs: it is never written to the plan, the state or cdk.tf.json, and it
 * may only flow into write-only arguments such as `secret_string_wo` and `value_wo`.
 */
export class EphemeralRandomPassword extends TerraformElement {
  /** Reference to the generated password (an ephemeral value). */
  public readonly value: string;

  constructor(
    scope: Construct,
    id: string,
    private readonly config: RandomPasswordConfig,
  ) {
    super(scope, id);
    this.value = Token.asString(ref(`ephemeral.aws_secretsmanager_random_password.${this.friendlyUniqueId}.random_password`, TerraformStack.of(this)));
  }

  public toTerraform(): any {
    return {
      ephemeral: {
        aws_secretsmanager_random_password: {
          [this.friendlyUniqueId]: {
            password_length: this.config.length,
            exclude_punctuation: this.config.excludePunctuation,
            ...(this.config.excludeCharacters ? { exclude_characters: this.config.excludeCharacters } : {}),
            require_each_included_type: true,
          },
        },
      },
    };
  }
}
