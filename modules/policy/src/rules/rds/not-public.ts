import { isTrue, StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** Databases are never reachable from the internet. */
export const rdsNotPublic: PolicyRule = {
  id: 'rds-not-public',
  title: 'RDS instances are not publicly accessible (never suppressible)',
  area: 'rds',
  severity: 'critical',
  suppressible: false,
  mappings: { cis: ['2.2.3'], fsbp: ['RDS.2'], checkov: ['CKV_AWS_17'] },
  hint: 'set publicly_accessible = false and place the instance in the data subnets',
  resourceTypes: ['aws_db_instance', 'aws_rds_cluster_instance'],
  check(db: PolicyResource, _ctx: StackContext) {
    return isTrue(db.attributes.publicly_accessible) ? violation('publicly_accessible is true') : COMPLIANT;
  },
};
