import * as P from '@rampart/policy';
import { RuleCase, tf } from './fixtures';

const FSBP = 'arn:aws:securityhub:eu-central-1::standards/aws-foundational-security-best-practices/v/1.0.0';
const CIS = 'arn:aws:securityhub:eu-central-1::standards/cis-aws-foundations-benchmark/v/3.0.0';
const PAB = { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true };

export const DETECTION_CASES: RuleCase[] = [
  {
    rule: P.guarddutyEnabled,
    compliant: tf({ aws_guardduty_detector: { d: { enable: true } } }),
    nonCompliant: tf({ aws_guardduty_detector: { d: { enable: true }, off: { enable: false } } }),
    expected: ['aws_guardduty_detector.off'],
  },
  {
    rule: P.configRecorderOn,
    compliant: tf({
      aws_config_configuration_recorder: { r: { name: 'r', role_arn: 'x', recording_group: { all_supported: true, include_global_resource_types: true } } },
      aws_config_configuration_recorder_status: { s: { name: 'r', is_enabled: true } },
    }),
    nonCompliant: tf({
      aws_config_configuration_recorder: { partial: { name: 'r', role_arn: 'x', recording_group: { all_supported: false } } },
      aws_config_configuration_recorder_status: { stopped: { name: 'r', is_enabled: false } },
    }),
    expected: ['aws_config_configuration_recorder.partial', 'aws_config_configuration_recorder_status.stopped'],
  },
  {
    rule: P.securityhubStandardsSubscribed,
    compliant: tf({ aws_securityhub_account: { a: {} }, aws_securityhub_standards_subscription: { f: { standards_arn: FSBP }, c: { standards_arn: CIS } } }),
    nonCompliant: tf({ aws_securityhub_account: { a: {} }, aws_securityhub_standards_subscription: { f: { standards_arn: FSBP } } }),
    expected: ['aws_securityhub_account.a'],
  },
  {
    rule: P.s3AccountPublicAccessBlock,
    compliant: tf({ aws_s3_account_public_access_block: { b: PAB } }),
    nonCompliant: tf({ aws_s3_account_public_access_block: { open: { ...PAB, restrict_public_buckets: false } } }),
    expected: ['aws_s3_account_public_access_block.open'],
  },
  {
    rule: P.ebsDefaultEncryption,
    compliant: tf({ aws_ebs_encryption_by_default: { e: { enabled: true } }, aws_ebs_default_kms_key: { k: { key_arn: '${aws_kms_key.ebs.arn}' } } }),
    nonCompliant: tf({ aws_ebs_encryption_by_default: { off: { enabled: false } }, aws_ebs_default_kms_key: { k: { key_arn: '${aws_kms_key.ebs.arn}' } } }),
    expected: ['aws_ebs_encryption_by_default.off'],
  },
];
