import { block, StackContext } from '../../context';
import { COMPLIANT, NOT_APPLICABLE, outcomes, PolicyResource, PolicyRule, RuleOutcome, violation } from '../../types';
import { looksLikeSecretValue, SECRET_NAME } from '../secrets/secret-patterns';

/** The environment variables of a function (environment { variables = {...} }). */
export function lambdaVariables(fn: PolicyResource): Record<string, unknown> {
  const vars = block(fn.attributes.environment)?.variables;
  return vars && typeof vars === 'object' && !Array.isArray(vars) ? (vars as Record<string, unknown>) : {};
}

/** Lambda environment variables carry no secret-looking names or values. */
export const lambdaNoSecretEnvVars: PolicyRule = {
  id: 'lambda-no-secret-env-vars',
  title: 'Lambda environment variables carry no secret-looking names or values',
  area: 'lambda',
  severity: 'high',
  suppressible: true,
  mappings: { checkov: ['CKV_AWS_45'] },
  hint: 'keep the secret in Secrets Manager or a SecureString parameter and pass its name or ARN; the function reads it at run time',
  resourceTypes: ['aws_lambda_function'],
  check(fn: PolicyResource, _ctx: StackContext) {
    const vars = lambdaVariables(fn);
    const found: RuleOutcome[] = [];
    for (const name of Object.keys(vars).sort()) {
      const shaped = looksLikeSecretValue(vars[name]);
      // a name such as DB_PASSWORD_SECRET_ARN passes a reference, not the secret
      const reference = /(_ARN|_NAME|_ID|_PARAMETER|_PARAM)$/i.test(name);
      if (shaped) found.push(violation(`variable ${name} holds ${shaped}`, { finding: name }));
      else if (SECRET_NAME.test(name) && !reference) found.push(violation(`variable ${name} looks like a secret`, { finding: name }));
    }
    return outcomes(found);
  },
};

/**
 * A function with environment variables encrypts them with a customer-managed key. A warning, not
 * an error: Lambda always encrypts environment variables at rest, with the AWS managed key
 * aws/lambda when kms_key_arn is not set; the customer-managed key adds control over who may
 * decrypt them. Secrets in the environment are lambda-no-secret-env-vars's, an error.
 */
export const lambdaEnvironmentEncrypted: PolicyRule = {
  id: 'lambda-environment-encrypted',
  title: 'Lambda functions with environment variables encrypt them with a customer-managed KMS key (kms_key_arn)',
  area: 'lambda',
  severity: 'low',
  level: 'warning',
  suppressible: true,
  mappings: { checkov: ['CKV_AWS_173'] },
  hint: 'set kms_key_arn to a customer-managed key the function role may decrypt with',
  resourceTypes: ['aws_lambda_function'],
  check(fn: PolicyResource, _ctx: StackContext) {
    if (Object.keys(lambdaVariables(fn)).length === 0) return NOT_APPLICABLE;
    const key = fn.attributes.kms_key_arn;
    return typeof key === 'string' && key.length > 0 ? COMPLIANT : violation('environment variables are set but kms_key_arn is not: they are encrypted with the AWS managed key aws/lambda only');
  },
};
