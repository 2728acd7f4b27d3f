import * as P from '@rampart/policy';
import { ref, RuleCase, tf } from './fixtures';

const TLS_POLICY_FOR = (resources: string[]) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: resources, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
  });
const TLS_POLICY = (bucket: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [`\${aws_s3_bucket.${bucket}.arn}`, `\${aws_s3_bucket.${bucket}.arn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  });

const PAB = (bucket: string) => ({ bucket: ref(`aws_s3_bucket.${bucket}`), block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
const KMS_SSE = (bucket: string) => ({
  bucket: ref(`aws_s3_bucket.${bucket}`),
  rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.pii.arn}' }, bucket_key_enabled: true }],
});
const PII = { DataClassification: 'pii' };

export const S3_CASES: RuleCase[] = [
  {
    rule: P.s3PublicAccessBlock,
    compliant: tf({ aws_s3_bucket: { a: { bucket: 'acme-a' } }, aws_s3_bucket_public_access_block: { a: PAB('a') } }),
    nonCompliant: tf({
      aws_s3_bucket: { a: { bucket: 'acme-a' }, b: { bucket: 'acme-b' }, c: { bucket: 'acme-c' }, pii: { bucket: 'acme-pii', tags: PII } },
      aws_s3_bucket_public_access_block: { a: PAB('a'), b: { ...PAB('b'), restrict_public_buckets: false } },
    }),
    expected: ['aws_s3_bucket.b', 'aws_s3_bucket.c'], // pii is left to the unsuppressible rule
  },
  {
    rule: P.s3SensitivePublicAccessBlock,
    compliant: tf({ aws_s3_bucket: { pii: { bucket: 'acme-pii', tags: PII }, open: { bucket: 'acme-open' } }, aws_s3_bucket_public_access_block: { pii: { ...PAB('pii'), bucket: 'acme-pii' } } }),
    nonCompliant: tf({
      aws_s3_bucket: { pii: { bucket: 'acme-pii', tags: PII }, health: { bucket: 'acme-health', tags: { DataClassification: 'health' } }, open: { bucket: 'acme-open' } },
      aws_s3_bucket_public_access_block: { pii: { ...PAB('pii'), block_public_policy: false } },
    }),
    expected: ['aws_s3_bucket.health', 'aws_s3_bucket.pii'],
  },
  {
    rule: P.s3NoPublicAcl,
    compliant: tf({ aws_s3_bucket: { a: { bucket: 'acme-a' } }, aws_s3_bucket_acl: { a: { bucket: ref('aws_s3_bucket.a'), acl: 'private' } } }),
    nonCompliant: tf({
      aws_s3_bucket: { a: { bucket: 'acme-a' }, inline: { bucket: 'acme-inline', acl: 'public-read' } },
      aws_s3_bucket_acl: {
        a: { bucket: ref('aws_s3_bucket.a'), acl: 'public-read-write' },
        grants: {
          bucket: ref('aws_s3_bucket.a'),
          access_control_policy: [{ grant: [{ grantee: [{ type: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AllUsers' }], permission: 'READ' }], owner: [{ id: 'x' }] }],
        },
        ok: { bucket: ref('aws_s3_bucket.a'), acl: 'log-delivery-write' },
      },
    }),
    expected: ['aws_s3_bucket.inline', 'aws_s3_bucket_acl.a', 'aws_s3_bucket_acl.grants'],
  },
  {
    rule: P.s3NoPublicPolicy,
    compliant: tf({
      aws_s3_bucket: { a: { bucket: 'acme-a' } },
      aws_s3_bucket_policy: {
        a: {
          bucket: ref('aws_s3_bucket.a'),
          policy: JSON.stringify({
            Statement: [
              { Sid: 'Trail', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: '*' },
              { Sid: 'Org', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } },
            ],
          }),
        },
      },
    }),
    nonCompliant: tf({
      aws_s3_bucket: { a: { bucket: 'acme-a' } },
      aws_s3_bucket_policy: {
        public: { bucket: ref('aws_s3_bucket.a'), policy: JSON.stringify({ Statement: [{ Sid: 'Public', Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject', Resource: '*' }] }) },
        hcl: { bucket: ref('aws_s3_bucket.a'), policy: '${jsonencode({Statement = []})}' },
      },
    }),
    expected: ['aws_s3_bucket_policy.hcl', 'aws_s3_bucket_policy.public#Public'],
  },
  {
    rule: P.s3DefaultEncryption,
    compliant: tf({
      aws_s3_bucket: { a: { bucket: 'acme-a' }, logs: { bucket: 'acme-logs' } },
      aws_s3_bucket_server_side_encryption_configuration: { a: KMS_SSE('a'), logs: { bucket: 'acme-logs', rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] } },
    }),
    nonCompliant: tf({ aws_s3_bucket: { a: { bucket: 'acme-a' }, b: { bucket: 'acme-b' } }, aws_s3_bucket_server_side_encryption_configuration: { a: KMS_SSE('a') } }),
    expected: ['aws_s3_bucket.b'],
  },
  {
    rule: P.s3SensitiveKmsCmk,
    compliant: tf({
      aws_s3_bucket: { pii: { bucket: 'acme-pii', tags: PII }, internal: { bucket: 'acme-internal' } },
      aws_s3_bucket_server_side_encryption_configuration: {
        pii: KMS_SSE('pii'),
        internal: { bucket: ref('aws_s3_bucket.internal'), rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] },
      },
    }),
    nonCompliant: tf({
      aws_s3_bucket: {
        sses3: { bucket: 'acme-1', tags: PII },
        nokey: { bucket: 'acme-2', tags: { DataClassification: 'financial' } },
        awskey: { bucket: 'acme-3', tags: { DataClassification: 'restricted' } },
        none: { bucket: 'acme-4', tags: PII },
        good: { bucket: 'acme-5', tags: PII },
      },
      aws_s3_bucket_server_side_encryption_configuration: {
        sses3: { bucket: ref('aws_s3_bucket.sses3'), rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] },
        nokey: { bucket: ref('aws_s3_bucket.nokey'), rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' } }] },
        awskey: { bucket: ref('aws_s3_bucket.awskey'), rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: 'alias/aws/s3' } }] },
        good: KMS_SSE('good'),
      },
    }),
    expected: ['aws_s3_bucket.awskey', 'aws_s3_bucket.nokey', 'aws_s3_bucket.none', 'aws_s3_bucket.sses3'],
  },
  {
    rule: P.s3Versioning,
    compliant: tf({ aws_s3_bucket: { a: { bucket: 'acme-a' } }, aws_s3_bucket_versioning: { a: { bucket: ref('aws_s3_bucket.a'), versioning_configuration: { status: 'Enabled' } } } }),
    nonCompliant: tf({
      aws_s3_bucket: { a: { bucket: 'acme-a' }, suspended: { bucket: 'acme-s' }, none: { bucket: 'acme-n' } },
      aws_s3_bucket_versioning: {
        a: { bucket: ref('aws_s3_bucket.a'), versioning_configuration: { status: 'Enabled' } },
        suspended: { bucket: ref('aws_s3_bucket.suspended'), versioning_configuration: { status: 'Suspended' } },
      },
    }),
    expected: ['aws_s3_bucket.none', 'aws_s3_bucket.suspended'],
  },
  {
    rule: P.s3TlsOnly,
    compliant: tf(
      {
        aws_s3_bucket: { a: { bucket: 'acme-a' }, b: { bucket: 'acme-b' }, lit: { bucket: 'acme-lit' } },
        aws_s3_bucket_policy: {
          a: { bucket: ref('aws_s3_bucket.a'), policy: TLS_POLICY('a') },
          b: { bucket: ref('aws_s3_bucket.b'), policy: '${data.aws_iam_policy_document.b.json}' },
          lit: { bucket: 'acme-lit', policy: TLS_POLICY_FOR(['arn:aws:s3:::acme-lit', 'arn:aws:s3:::acme-lit/*']) },
        },
      },
      {
        data: {
          aws_iam_policy_document: {
            b: {
              statement: [
                {
                  sid: 'TlsOnly',
                  effect: 'Deny',
                  principals: [{ type: '*', identifiers: ['*'] }],
                  actions: ['s3:*'],
                  resources: ['${aws_s3_bucket.b.arn}', '${aws_s3_bucket.b.arn}/*'],
                  condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
                },
              ],
            },
          },
        },
      },
    ),
    nonCompliant: tf({
      aws_s3_bucket: {
        a: { bucket: 'acme-a' },
        nopolicy: { bucket: 'acme-n' },
        allowonly: { bucket: 'acme-o' },
        other: { bucket: 'acme-other' },
        objectsOnly: { bucket: 'acme-objects' },
        elsewhere: { bucket: 'acme-elsewhere' },
      },
      aws_s3_bucket_policy: {
        a: { bucket: ref('aws_s3_bucket.a'), policy: TLS_POLICY('a') },
        allowonly: {
          bucket: ref('aws_s3_bucket.allowonly'),
          policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: '*' }] }),
        },
        // the Deny names another bucket's ARNs, so it does not protect this one
        other: { bucket: ref('aws_s3_bucket.other'), policy: TLS_POLICY('a') },
        objectsOnly: { bucket: ref('aws_s3_bucket.objectsOnly'), policy: TLS_POLICY_FOR(['${aws_s3_bucket.objectsOnly.arn}/*']) },
        elsewhere: { bucket: 'acme-elsewhere', policy: TLS_POLICY_FOR(['arn:aws:s3:::acme-elsewhere-2', 'arn:aws:s3:::acme-elsewhere-2/*']) },
      },
    }),
    expected: ['aws_s3_bucket.allowonly', 'aws_s3_bucket.elsewhere', 'aws_s3_bucket.nopolicy', 'aws_s3_bucket.objectsOnly', 'aws_s3_bucket.other'],
  },
  {
    rule: P.s3AuditLogObjectLock,
    compliant: tf({
      aws_s3_bucket: { trail: { bucket: 'acme-trail', object_lock_enabled: true }, other: { bucket: 'acme-other' } },
      aws_s3_bucket_object_lock_configuration: { trail: { bucket: ref('aws_s3_bucket.trail'), rule: { default_retention: { mode: 'COMPLIANCE', days: 365 } } } },
      aws_cloudtrail: { t: { name: 't', s3_bucket_name: ref('aws_s3_bucket.trail') } },
    }),
    nonCompliant: tf({
      aws_s3_bucket: { nolock: { bucket: 'acme-1' }, noretention: { bucket: 'acme-2', object_lock_enabled: true }, other: { bucket: 'acme-other' } },
      aws_cloudtrail: { a: { name: 'a', s3_bucket_name: ref('aws_s3_bucket.nolock') }, b: { name: 'b', s3_bucket_name: 'acme-2' } },
    }),
    expected: ['aws_s3_bucket.nolock', 'aws_s3_bucket.noretention'],
  },
  {
    rule: P.s3AccessLogging,
    compliant: tf({
      aws_s3_bucket: { pii: { bucket: 'acme-pii', tags: PII }, access: { bucket: 'acme-access' }, internal: { bucket: 'acme-internal' } },
      aws_s3_bucket_logging: { pii: { bucket: ref('aws_s3_bucket.pii'), target_bucket: ref('aws_s3_bucket.access'), target_prefix: 'pii/' } },
    }),
    nonCompliant: tf({
      aws_s3_bucket: { pii: { bucket: 'acme-pii', tags: PII }, trail: { bucket: 'acme-trail' }, self: { bucket: 'acme-self', tags: PII }, internal: { bucket: 'acme-internal' } },
      aws_s3_bucket_logging: { self: { bucket: ref('aws_s3_bucket.self'), target_bucket: ref('aws_s3_bucket.self') } },
      aws_cloudtrail: { t: { name: 't', s3_bucket_name: ref('aws_s3_bucket.trail') } },
    }),
    expected: ['aws_s3_bucket.pii', 'aws_s3_bucket.self', 'aws_s3_bucket.trail'],
  },
];
