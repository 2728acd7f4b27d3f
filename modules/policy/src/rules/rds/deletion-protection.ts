import { isTrue, StackContext } from '../../context';
import { COMPLIANT, NOT_APPLICABLE, PolicyResource, PolicyRule, violation } from '../../types';

/** Production databases cannot be deleted by a stray apply. */
export const rdsDeletionProtection: PolicyRule = {
  id: 'rds-deletion-protection',
  title: 'Production RDS databases have deletion protection',
  area: 'rds',
  severity: 'high',
  suppressible: true,
  mappings: { fsbp: ['RDS.8'], checkov: ['CKV_AWS_293'] },
  hint: 'set deletion_protection = true (EncryptedDatabase does when the environment is production)',
  resourceTypes: ['aws_db_instance', 'aws_rds_cluster'],
  check(db: PolicyResource, ctx: StackContext) {
    if (!ctx.production) return NOT_APPLICABLE;
    return isTrue(db.attributes.deletion_protection) ? COMPLIANT : violation('deletion_protection is not true in a production stack');
  },
};
