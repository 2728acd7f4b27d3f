import { StackContext } from '../../context';
import { admitsAnyone, findCondition, PolicyStatement } from '../../policy-document';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';
import { bucketPolicies } from './bucket-helpers';

/**
 * What of this bucket a statement's resources cover: the bucket itself (its ARN) and its objects
 * (ARN + `/*`). A resource matches through a reference to the bucket (`${aws_s3_bucket.b.arn}`,
 * the bucket name inside an ARN), the literal ARN of its literal name, or `*`.
 */
function coverage(s: PolicyStatement, bucket: PolicyResource, ctx: StackContext): { bucket: boolean; objects: boolean } {
  const name = typeof bucket.attributes.bucket === 'string' && !bucket.attributes.bucket.includes('${') ? bucket.attributes.bucket : undefined;
  let b = false;
  let o = false;
  for (const r of s.resources) {
    if (r === '*') return { bucket: true, objects: true };
    const objects = /\/\*$/.test(r);
    const base = objects ? r.slice(0, -2) : r;
    const refers =
      ctx.referencedResources(base).some((x) => x.address === bucket.address) || (name !== undefined && new RegExp(`^arn:[^:]+:s3:::${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`).test(base));
    if (!refers) continue;
    if (objects) o = true;
    else b = true;
  }
  return { bucket: b, objects: o };
}

/** Every bucket policy denies requests to this bucket and its objects that do not use TLS. */
export const s3TlsOnly: PolicyRule = {
  id: 's3-tls-only',
  title: 'S3 bucket policies deny requests without TLS (aws:SecureTransport false) on the bucket and its objects',
  area: 's3',
  severity: 'medium',
  suppressible: true,
  mappings: { cis: ['2.1.1'], fsbp: ['S3.5'] },
  hint: 'attach an aws_s3_bucket_policy with a Deny statement for principal "*" on s3:* over the bucket ARN and the objects (ARN + /*) when Bool aws:SecureTransport is "false"',
  resourceTypes: ['aws_s3_bucket'],
  check(bucket: PolicyResource, ctx: StackContext) {
    const policies = bucketPolicies(bucket, ctx);
    if (policies.length === 0) return violation('no bucket policy targets the bucket, so plain-HTTP requests are not denied');
    let bucketDenied = false;
    let objectsDenied = false;
    for (const p of policies) {
      const doc = ctx.policyDocument(p);
      if (!doc) continue;
      for (const st of doc.statements) {
        if (st.effect !== 'Deny' || !admitsAnyone(st.principals)) continue;
        if (!st.actions.some((a) => a === '*' || a === 's3:*')) continue;
        const c = findCondition(st, 'aws:SecureTransport', ['Bool']);
        if (c === undefined || !c.values.map((v) => String(v).toLowerCase()).includes('false')) continue;
        const cov = coverage(st, bucket, ctx);
        bucketDenied ||= cov.bucket;
        objectsDenied ||= cov.objects;
      }
    }
    if (bucketDenied && objectsDenied) return COMPLIANT;
    const missing = [bucketDenied ? '' : 'the bucket ARN', objectsDenied ? '' : 'its objects (<arn>/*)'].filter(Boolean).join(' and ');
    return violation(`no Deny on s3:* for "*" when aws:SecureTransport is false covers ${missing} of this bucket (or the policy cannot be read at synth)`);
  },
};
