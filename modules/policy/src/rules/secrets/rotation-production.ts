import { block, StackContext } from '../../context';
import { COMPLIANT, NOT_APPLICABLE, PolicyResource, PolicyRule, violation } from '../../types';

/**
 * In production every Secrets Manager secret rotates automatically. A warning, not an error:
 * rotation needs a rotation function for the secret's kind of credential, which the stack that
 * owns the secret may not have yet; the warning is printed at synth and reported (SARIF level
 * warning) until the rotation exists or a suppression records why it cannot.
 */
export const secretsManagerRotationProduction: PolicyRule = {
  id: 'secretsmanager-rotation-production',
  title: 'Secrets Manager secrets rotate automatically in production',
  area: 'secrets',
  severity: 'medium',
  level: 'warning',
  suppressible: true,
  mappings: { fsbp: ['SecretsManager.1'], checkov: ['CKV2_AWS_57'] },
  hint: 'add an aws_secretsmanager_secret_rotation for the secret with rotation_rules (a rotation Lambda or a managed rotation); a secret that cannot rotate needs a suppression with a reason, an owner and an expiry',
  resourceTypes: ['aws_secretsmanager_secret'],
  check(secret: PolicyResource, ctx: StackContext) {
    if (!ctx.production) return NOT_APPLICABLE;
    const rotations = ctx.related('aws_secretsmanager_secret_rotation', 'secret_id', secret);
    const rotates = rotations.some((r) => block(r.attributes.rotation_rules) !== undefined) || block(secret.attributes.rotation_rules) !== undefined;
    return rotates ? COMPLIANT : violation('no aws_secretsmanager_secret_rotation with rotation_rules rotates this secret in a production stack');
  },
};
