import { isToken, StackContext } from '../../context';
import { COMPLIANT, NOT_APPLICABLE, outcomes, PolicyResource, PolicyRule, RuleOutcome, violation } from '../../types';

const FIELDS: Readonly<Record<string, readonly string[]>> = {
  aws_secretsmanager_secret_version: ['secret_string', 'secret_binary'],
  aws_ssm_parameter: ['value'],
  aws_db_instance: ['password'],
  aws_rds_cluster: ['master_password'],
};

/** Secret values never appear as literals in the synthesised Terraform. */
export const secretsNoPlaintext: PolicyRule = {
  id: 'secrets-no-plaintext',
  title: 'Secret values, SecureString values and database passwords are not literals in the Terraform JSON',
  area: 'secrets',
  severity: 'critical',
  suppressible: true,
  mappings: {},
  hint: 'let RDS manage the master password (manage_master_user_password), generate values at apply time, or pass them through a sensitive variable; never commit them',
  resourceTypes: Object.keys(FIELDS),
  check(r: PolicyResource, _ctx: StackContext) {
    if (r.type === 'aws_ssm_parameter' && r.attributes.type !== 'SecureString') return NOT_APPLICABLE;
    const found: RuleOutcome[] = [];
    for (const field of FIELDS[r.type]) {
      const v = r.attributes[field];
      if (typeof v === 'string' && v.length > 0 && !isToken(v)) found.push(violation(`${field} is a literal value in the synthesised JSON (and in state)`, { finding: field }));
    }
    return found.length ? outcomes(found) : COMPLIANT;
  },
};
