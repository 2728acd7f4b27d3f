import { App, Aspects, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { MandatoryTagsAspect, renderMandatoryTags } from '@rampart/core';

function stackWith(defaultTags: Record<string, string>): { app: App; stack: TerraformStack } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 's');
  new AwsProvider(stack, 'aws', { region: 'eu-central-1', defaultTags: [{ tags: defaultTags }] });
  Aspects.of(stack).add(new MandatoryTagsAspect());
  return { app, stack };
}

const all = renderMandatoryTags({ environment: 'dev', owner: 'o', costCenter: 'c', compliance: 'none', dataClassification: 'internal' });

describe('MandatoryTagsAspect', () => {
  test('passes when default_tags carry every mandatory tag', () => {
    const { stack } = stackWith(all);
    new S3Bucket(stack, 'b', { bucket: 'acme-dev-b' });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test('fails synth naming the resource and the missing tags', () => {
    const { Owner: _o, CostCenter: _c, ...partial } = all;
    const { stack } = stackWith(partial);
    new S3Bucket(stack, 'b', { bucket: 'acme-dev-b' });
    expect(() => Testing.synth(stack, true)).toThrow(/aws_s3_bucket b lacks mandatory tag\(s\) Owner, CostCenter/);
  });

  test('resource tags complete what default_tags leave out', () => {
    const { Owner: _o, ...partial } = all;
    const { stack } = stackWith(partial);
    new S3Bucket(stack, 'b', { bucket: 'acme-dev-b', tags: { Owner: 'data-team' } });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test('data sources and untaggable resources are not checked', () => {
    const { stack } = stackWith({});
    new DataAwsIamPolicyDocument(stack, 'd', { statement: [{ actions: ['s3:GetObject'], resources: ['*'] }] });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});
