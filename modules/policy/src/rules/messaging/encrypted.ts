import { isTrue, StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

function hasKey(r: PolicyResource): boolean {
  const key = r.attributes.kms_master_key_id;
  return typeof key === 'string' && key.length > 0;
}

/** SNS topics encrypt messages at rest with a KMS key (SNS has no other server-side encryption). */
export const snsTopicEncrypted: PolicyRule = {
  id: 'sns-topic-encrypted',
  title: 'SNS topics are encrypted at rest with a KMS key (kms_master_key_id)',
  area: 'messaging',
  severity: 'medium',
  suppressible: true,
  mappings: { checkov: ['CKV_AWS_26'] },
  hint: 'set kms_master_key_id to a customer-managed key whose policy lets the publishing services use it',
  resourceTypes: ['aws_sns_topic'],
  check(topic: PolicyResource, _ctx: StackContext) {
    return hasKey(topic) ? COMPLIANT : violation('kms_master_key_id is not set');
  },
};

/** SQS queues encrypt messages at rest: a KMS key, or SQS-managed SSE stated explicitly. */
export const sqsQueueEncrypted: PolicyRule = {
  id: 'sqs-queue-encrypted',
  title: 'SQS queues are encrypted at rest (kms_master_key_id, or sqs_managed_sse_enabled = true)',
  area: 'messaging',
  severity: 'medium',
  suppressible: true,
  mappings: { fsbp: ['SQS.1'], checkov: ['CKV_AWS_27'] },
  hint: 'set kms_master_key_id to a customer-managed key, or at least sqs_managed_sse_enabled = true',
  resourceTypes: ['aws_sqs_queue'],
  check(queue: PolicyResource, _ctx: StackContext) {
    if (hasKey(queue) || isTrue(queue.attributes.sqs_managed_sse_enabled)) return COMPLIANT;
    return violation(
      queue.attributes.sqs_managed_sse_enabled === false || queue.attributes.sqs_managed_sse_enabled === 'false'
        ? 'sqs_managed_sse_enabled is false and no kms_master_key_id is set'
        : 'neither kms_master_key_id nor sqs_managed_sse_enabled = true is set',
    );
  },
};
