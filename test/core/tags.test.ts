import { synthError } from '../helpers/assertions';
import { App, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { MANDATORY_TAG_KEYS, TAGGABLE_TYPES, renderMandatoryTags } from '@rampart/core';
import { PolicyPack, RampartPolicy, tagsMandatory } from '@rampart/policy';

// The mandatory-tag check is the policy rule tags-mandatory; run it alone so that no other rule
// of the pack (bucket encryption, versioning...) has a say in these cases.
const TAGS_ONLY: PolicyPack = { name: 'tags', description: 'tags-mandatory only', rules: [tagsMandatory] };

function stackWith(defaultTags: Record<string, string>): { app: App; stack: TerraformStack } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 's');
  new AwsProvider(stack, 'aws', { region: 'eu-central-1', defaultTags: [{ tags: defaultTags }] });
  RampartPolicy.apply(stack, { pack: TAGS_ONLY, writeReport: false });
  return { app, stack };
}

const all = renderMandatoryTags({ environment: 'dev', owner: 'o', costCenter: 'c', compliance: 'none', dataClassification: 'internal' });

describe('mandatory tags (policy rule tags-mandatory)', () => {
  test('renderMandatoryTags gives every mandatory key', () => {
    expect(Object.keys(all)).toEqual([...MANDATORY_TAG_KEYS]);
  });

  test('passes when default_tags carry every mandatory tag', () => {
    const { stack } = stackWith(all);
    new S3Bucket(stack, 'b', { bucket: 'acme-dev-b' });
    expect(synthError(stack)).toBe('');
  });

  test('fails synth with the rule id, naming the resource, its construct path and the missing tags', () => {
    const { Owner: _o, CostCenter: _c, ...partial } = all;
    const { stack } = stackWith(partial);
    new S3Bucket(stack, 'b', { bucket: 'acme-dev-b' });
    expect(synthError(stack)).toMatch(/policy tags: \[tags-mandatory\] aws_s3_bucket\.b at s\/b: missing, empty or blank mandatory tag\(s\) Owner, CostCenter/);
  });

  test('resource tags complete what default_tags leave out', () => {
    const { Owner: _o, ...partial } = all;
    const { stack } = stackWith(partial);
    new S3Bucket(stack, 'b', { bucket: 'acme-dev-b', tags: { Owner: 'data-team' } });
    expect(synthError(stack)).toBe('');
  });

  test('an empty or blank tag counts as missing', () => {
    const { stack } = stackWith(all);
    new S3Bucket(stack, 'b', { bucket: 'acme-dev-b', tags: { Owner: ' ', CostCenter: '' } });
    expect(synthError(stack)).toMatch(/\[tags-mandatory\] aws_s3_bucket\.b .*mandatory tag\(s\) Owner, CostCenter/);
  });

  test("a resource on an aliased provider is judged by that provider's default_tags", () => {
    const { stack } = stackWith({});
    const tagged = new AwsProvider(stack, 'aws-tagged', { region: 'eu-west-1', alias: 'tagged', defaultTags: [{ tags: all }] });
    new S3Bucket(stack, 'on-alias', { bucket: 'acme-dev-alias', provider: tagged });
    new S3Bucket(stack, 'on-default', { bucket: 'acme-dev-default' });
    const message = synthError(stack);
    expect(message).toMatch(/\[tags-mandatory\] aws_s3_bucket\.on-default /);
    expect(message).not.toMatch(/aws_s3_bucket\.on-alias/);
  });

  test('data sources and untaggable resources are not checked', () => {
    expect(TAGGABLE_TYPES.has('aws_iam_role_policy_attachment')).toBe(false);
    const { stack } = stackWith({});
    new DataAwsIamPolicyDocument(stack, 'd', { statement: [{ actions: ['s3:GetObject'], resources: ['*'] }] });
    new IamRolePolicyAttachment(stack, 'a', { role: 'r', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
    expect(synthError(stack)).toBe('');
  });

  test('a finding can be suppressed with a reason, owner and expiry, and is then reported', () => {
    const { stack } = stackWith({});
    const bucket = new S3Bucket(stack, 'b', { bucket: 'acme-dev-b' });
    const expires = new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10);
    RampartPolicy.suppress(bucket, { ruleId: 'tags-mandatory', reason: 'legacy bucket imported before tagging', owner: 'platform', expires });
    expect(synthError(stack)).toBe('');
    const report = RampartPolicy.evaluate(stack, { pack: TAGS_ONLY });
    expect(report.suppressed).toEqual([expect.objectContaining({ ruleId: 'tags-mandatory', address: 'aws_s3_bucket.b', suppression: expect.objectContaining({ owner: 'platform' }) })]);
  });
});
