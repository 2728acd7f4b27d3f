import { isTrue, StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** Applications authenticate to the database with IAM, not long-lived passwords. */
export const rdsIamAuth: PolicyRule = {
  id: 'rds-iam-auth',
  title: 'RDS IAM database authentication is enabled',
  area: 'rds',
  severity: 'medium',
  suppressible: true,
  mappings: { fsbp: ['RDS.10'], checkov: ['CKV_AWS_161'] },
  hint: 'set iam_database_authentication_enabled = true',
  resourceTypes: ['aws_db_instance', 'aws_rds_cluster'],
  check(db: PolicyResource, _ctx: StackContext) {
    return isTrue(db.attributes.iam_database_authentication_enabled) ? COMPLIANT : violation('iam_database_authentication_enabled is not true');
  },
};
