import { StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

const SETTINGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];

/** The S3 account-level public access block has all four settings on. */
export const s3AccountPublicAccessBlock: PolicyRule = {
  id: 's3-account-public-access-block',
  title: 'The S3 account-level public access block has all four settings on',
  area: 'detection',
  severity: 'high',
  suppressible: true,
  mappings: { cis: ['2.1.4'], fsbp: ['S3.1'] },
  hint: 'set all four settings of aws_s3_account_public_access_block to true (AccountHardening does)',
  resourceTypes: ['aws_s3_account_public_access_block'],
  check(r: PolicyResource, _ctx: StackContext) {
    const off = SETTINGS.filter((s) => r.attributes[s] !== true && r.attributes[s] !== 'true');
    return off.length === 0 ? COMPLIANT : violation(`${off.join(', ')} not true`);
  },
};
