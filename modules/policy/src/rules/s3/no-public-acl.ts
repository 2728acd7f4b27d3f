import { blocks, StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

const PUBLIC_CANNED = ['public-read', 'public-read-write', 'authenticated-read'];
const PUBLIC_GROUPS = ['http://acs.amazonaws.com/groups/global/AllUsers', 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers'];

/** No canned or explicit ACL grants access to everyone or to every AWS account. */
export const s3NoPublicAcl: PolicyRule = {
  id: 's3-no-public-acl',
  title: 'S3 bucket ACLs grant nothing to AllUsers or AuthenticatedUsers',
  area: 's3',
  severity: 'high',
  suppressible: true,
  mappings: { fsbp: ['S3.2', 'S3.3'] },
  hint: 'use the private ACL (or none: ownership controls BucketOwnerEnforced) and serve public content through CloudFront',
  resourceTypes: ['aws_s3_bucket', 'aws_s3_bucket_acl'],
  check(r: PolicyResource, _ctx: StackContext) {
    const acl = r.attributes.acl;
    if (typeof acl === 'string' && PUBLIC_CANNED.includes(acl)) return violation(`canned ACL "${acl}" opens the bucket`);
    for (const policy of blocks(r.attributes.access_control_policy)) {
      for (const grant of blocks(policy.grant)) {
        for (const grantee of blocks(grant.grantee)) {
          if (PUBLIC_GROUPS.includes(grantee.uri)) return violation(`ACL grants ${grant.permission ?? 'access'} to ${grantee.uri}`);
        }
      }
    }
    return COMPLIANT;
  },
};
