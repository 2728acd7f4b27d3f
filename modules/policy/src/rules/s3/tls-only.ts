import { StackContext } from '../../context';
import { admitsAnyone, findCondition } from '../../policy-document';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';
import { bucketPolicies } from './bucket-helpers';

/** Every bucket policy denies requests that do not use TLS. */
export const s3TlsOnly: PolicyRule = {
  id: 's3-tls-only',
  title: 'S3 bucket policies deny requests without TLS (aws:SecureTransport false)',
  area: 's3',
  severity: 'medium',
  suppressible: true,
  mappings: { cis: ['2.1.1'], fsbp: ['S3.5'] },
  hint: 'attach an aws_s3_bucket_policy with a Deny statement for principal "*" on s3:* over the bucket and its objects when Bool aws:SecureTransport is "false"',
  resourceTypes: ['aws_s3_bucket'],
  check(bucket: PolicyResource, ctx: StackContext) {
    const policies = bucketPolicies(bucket, ctx);
    if (policies.length === 0) return violation('no bucket policy targets the bucket, so plain-HTTP requests are not denied');
    for (const p of policies) {
      const doc = ctx.policyDocument(p);
      if (!doc) continue;
      const denies = doc.statements.some((s) => {
        if (s.effect !== 'Deny' || !admitsAnyone(s.principals)) return false;
        if (!s.actions.some((a) => a === '*' || a === 's3:*')) return false;
        const c = findCondition(s, 'aws:SecureTransport', ['Bool']);
        return c !== undefined && c.values.map((v) => String(v).toLowerCase()).includes('false');
      });
      if (denies) return COMPLIANT;
    }
    return violation('the bucket policy has no Deny on s3:* for "*" when aws:SecureTransport is false (or cannot be read at synth)');
  },
};
