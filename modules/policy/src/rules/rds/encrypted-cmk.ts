import { isTrue, StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** Database storage (and so its snapshots) is encrypted with a customer-managed key. */
export const rdsEncryptedCmk: PolicyRule = {
  id: 'rds-encrypted-cmk',
  title: 'RDS storage is encrypted with a customer-managed KMS key',
  area: 'rds',
  severity: 'high',
  suppressible: true,
  mappings: { cis: ['2.2.1'], fsbp: ['RDS.3'], checkov: ['CKV_AWS_16'] },
  hint: "set storage_encrypted = true and kms_key_id to the data class's key (EncryptedDatabase does)",
  resourceTypes: ['aws_db_instance', 'aws_rds_cluster'],
  check(db: PolicyResource, _ctx: StackContext) {
    if (!isTrue(db.attributes.storage_encrypted) && db.attributes.replicate_source_db === undefined) return violation('storage_encrypted is not true');
    const key = db.attributes.kms_key_id;
    return typeof key === 'string' && key.length > 0 ? COMPLIANT : violation('kms_key_id is not set, so the AWS-managed aws/rds key is used');
  },
};
