import { StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** Backup vaults encrypt recovery points with a customer-managed key (the backup key), not AWS's. */
export const backupVaultCmk: PolicyRule = {
  id: 'backup-vault-cmk',
  title: 'Backup vaults are encrypted with a customer-managed KMS key',
  area: 'backup',
  severity: 'high',
  suppressible: true,
  mappings: { checkov: ['CKV_AWS_166'] },
  hint: 'set kms_key_arn to the backup key (a customer-managed aws_kms_key)',
  resourceTypes: ['aws_backup_vault'],
  check(vault: PolicyResource, ctx: StackContext) {
    const key = vault.attributes.kms_key_arn;
    if (typeof key !== 'string' || key.length === 0) return violation('kms_key_arn is not set: AWS Backup uses its AWS-managed key');
    if (/(^|:)alias\/aws\//.test(key)) return violation(`kms_key_arn is the AWS-managed key ${key}`);
    const ref = ctx.resolve(key);
    if (ref && ref.type !== 'aws_kms_key' && ref.type !== 'data.aws_kms_key') return violation(`kms_key_arn refers to ${ref.address}, not a KMS key`);
    return COMPLIANT;
  },
};
