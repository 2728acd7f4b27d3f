import { isTrue, StackContext } from '../../context';
import { COMPLIANT, NOT_APPLICABLE, PolicyResource, PolicyRule, violation } from '../../types';

/** Production databases survive the loss of an availability zone. */
export const rdsMultiAzProduction: PolicyRule = {
  id: 'rds-multi-az-production',
  title: 'Production RDS instances are multi-AZ',
  area: 'rds',
  severity: 'medium',
  suppressible: true,
  mappings: { cis: ['2.2.4'], fsbp: ['RDS.5'], checkov: ['CKV_AWS_157'] },
  hint: 'set multi_az = true (EncryptedDatabase does when the environment is production)',
  resourceTypes: ['aws_db_instance'],
  check(db: PolicyResource, ctx: StackContext) {
    if (!ctx.production || db.attributes.replicate_source_db !== undefined) return NOT_APPLICABLE;
    return isTrue(db.attributes.multi_az) ? COMPLIANT : violation('multi_az is not true in a production stack');
  },
};
