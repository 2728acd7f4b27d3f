import { block, isTrue, StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** Tables can be restored to any second of the last 35 days. */
export const dynamodbPitr: PolicyRule = {
  id: 'dynamodb-pitr',
  title: 'DynamoDB tables have point-in-time recovery',
  area: 'dynamodb',
  severity: 'medium',
  suppressible: true,
  mappings: { fsbp: ['DynamoDB.2'], checkov: ['CKV_AWS_28'] },
  hint: 'add point_in_time_recovery { enabled = true }',
  resourceTypes: ['aws_dynamodb_table'],
  check(table: PolicyResource, _ctx: StackContext) {
    return isTrue(block(table.attributes.point_in_time_recovery)?.enabled) ? COMPLIANT : violation('point_in_time_recovery is not enabled');
  },
};
