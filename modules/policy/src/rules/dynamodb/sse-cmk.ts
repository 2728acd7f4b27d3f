import { block, isTrue, StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** Tables are encrypted with a customer-managed key rather than the AWS-owned default. */
export const dynamodbSseCmk: PolicyRule = {
  id: 'dynamodb-sse-cmk',
  title: 'DynamoDB tables use server-side encryption with a customer-managed key',
  area: 'dynamodb',
  severity: 'medium',
  suppressible: true,
  mappings: { checkov: ['CKV_AWS_119'] },
  hint: 'add server_side_encryption { enabled = true, kms_key_arn = <customer-managed key ARN> }',
  resourceTypes: ['aws_dynamodb_table'],
  check(table: PolicyResource, _ctx: StackContext) {
    const sse = block(table.attributes.server_side_encryption);
    if (!isTrue(sse?.enabled)) return violation('server_side_encryption is not enabled (the AWS-owned key is used)');
    return typeof sse?.kms_key_arn === 'string' && sse.kms_key_arn.length > 0 ? COMPLIANT : violation('server_side_encryption names no kms_key_arn, so the AWS-managed aws/dynamodb key is used');
  },
};
