import * as fs from 'fs';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { Construct } from 'constructs';
import { RampartValidationError, partitionOfRegion, StackContext } from '@rampart/core';
import { ProviderGuardError, ProviderOverrides, RampartStack, RampartStackProps } from '@rampart/baseline';
import { labelDataClass } from '@rampart/encryption';
import { exemptFromPermissionBoundary } from '@rampart/identity';
import { tempDir } from '../helpers/synth';

const PROPS: RampartStackProps = {
  prefix: 'acme',
  target: { accountId: '111111111111', region: 'eu-central-1', deployRoleArn: 'arn:aws:iam::111111111111:role/acme-deploy' },
  tags: { environment: 'dev', owner: 'team', costCenter: 'cc-1', compliance: 'none', dataClassification: 'internal' },
};

function stack(props: Partial<RampartStackProps> = {}, app: App = new App({ outdir: tempDir('baseline'), stackTraces: false })): RampartStack {
  return new RampartStack(app, 'svc', { ...PROPS, ...props });
}

function synth(s: RampartStack): any {
  return JSON.parse(Testing.synth(s, true));
}

const ROLE_TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

describe('RampartStack provider guard', () => {
  test('the provider assumes the deploy role, allows only the target account and applies the mandatory tags', () => {
    const provider = synth(stack()).provider.aws[0];
    expect(provider).toEqual({
      region: 'eu-central-1',
      assume_role: [{ role_arn: 'arn:aws:iam::111111111111:role/acme-deploy', session_name: 'rampart-svc' }],
      allowed_account_ids: ['111111111111'],
      default_tags: [{ tags: { Environment: 'dev', Owner: 'team', CostCenter: 'cc-1', Compliance: 'none', DataClassification: 'internal' } }],
    });
  });

  test('overrides add settings next to the guarded ones', () => {
    const provider = synth(stack({ providerOverrides: { accessKey: 'test', secretKey: 'test', maxRetries: 2, skipCredentialsValidation: true, endpoints: [{ sts: 'http://127.0.0.1:5000' }] } }))
      .provider.aws[0];
    expect(provider).toMatchObject({ access_key: 'test', max_retries: 2, skip_credentials_validation: true, endpoints: [{ sts: 'http://127.0.0.1:5000' }] });
    expect(provider.assume_role[0].role_arn).toBe('arn:aws:iam::111111111111:role/acme-deploy');
    expect(provider.allowed_account_ids).toEqual(['111111111111']);
    expect(Object.keys(provider.default_tags[0].tags)).toHaveLength(5);
  });

  test.each([
    ['assumeRole', [{ roleArn: 'arn:aws:iam::222222222222:role/other' }]],
    ['allowedAccountIds', ['222222222222']],
    ['defaultTags', [{ tags: {} }]],
    ['region', 'us-east-1'],
    ['forbiddenAccountIds', ['111111111111']],
    ['skipRequestingAccountId', true],
  ])('an override of %s throws a typed error naming it', (key, value) => {
    const overrides = { [key]: value } as unknown as ProviderOverrides;
    let error: unknown;
    try {
      stack({ providerOverrides: overrides });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProviderGuardError);
    expect(error).toBeInstanceOf(RampartValidationError);
    expect((error as ProviderGuardError).issue).toMatchObject({ code: 'PROVIDER_GUARD', path: `providerOverrides.${key}` });
  });
});

describe('RampartStack context', () => {
  test.each([
    ['eu-central-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
  ])('%s is in partition %s', (region, partition) => {
    expect(partitionOfRegion(region)).toBe(partition);
    const s = stack({ target: { ...PROPS.target, region, allowedRegions: [region] } });
    expect(s.context).toEqual({ accountId: '111111111111', region, partition });
  });

  test('constructs below the stack read the same context', () => {
    const s = stack();
    expect(StackContext.of(new Construct(new Construct(s, 'a'), 'b'))).toBe(s.context);
  });

  test('a malformed target fails with the field named', () => {
    expect(() => stack({ target: { ...PROPS.target, accountId: '123' } })).toThrow(/target\.accountId: must be a 12-digit AWS account id/);
    expect(() => stack({ target: { ...PROPS.target, region: 'mars-1' } })).toThrow(/target\.region/);
  });
});

describe('RampartStack guarantees', () => {
  test('a new role gets the permission boundary', () => {
    const s = stack();
    new IamRole(s, 'task', { name: 'acme-dev-task', assumeRolePolicy: ROLE_TRUST });
    const json = synth(s);
    const boundary = Object.keys(json.resource.aws_iam_policy).find((k) => k.startsWith('permission-boundary'));
    expect(boundary).toBeDefined();
    expect(json.resource.aws_iam_role.task.permissions_boundary).toBe(`\${aws_iam_policy.${boundary}.arn}`);
  });

  test('an exempted role keeps no boundary, passes the boundary rule with no suppression, and the exemption is in the policy report', () => {
    const app = new App({ outdir: tempDir('baseline-report'), stackTraces: false });
    const s = stack({}, app);
    const scope = new Construct(s, 'break-glass');
    exemptFromPermissionBoundary(scope, 'break-glass access for incidents');
    new IamRole(scope, 'role', { name: 'acme-dev-break-glass', assumeRolePolicy: ROLE_TRUST });
    app.synth();
    const json = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'svc', 'cdk.tf.json'), 'utf8'));
    const [address] = Object.keys(json.resource.aws_iam_role);
    expect(json.resource.aws_iam_role[address]).not.toHaveProperty('permissions_boundary');
    const report = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'svc', 'policy-report.json'), 'utf8'));
    expect(report.suppressions).toEqual([]);
    expect(report.optOuts).toEqual([expect.objectContaining({ id: 'identity.permission-boundary', path: 'svc/break-glass', reason: 'break-glass access for incidents' })]);
    expect(report.waived).toEqual([
      expect.objectContaining({
        ruleId: 'iam-role-permissions-boundary',
        address: `aws_iam_role.${address}`,
        optOut: { id: 'identity.permission-boundary', path: 'svc/break-glass', reason: 'break-glass access for incidents' },
      }),
    ]);
  });

  test("a role with a boundary other than the stack's fails synth with the boundary rule", () => {
    const s = stack();
    new IamRole(s, 'task', { name: 'acme-dev-task', assumeRolePolicy: ROLE_TRUST, permissionsBoundary: 'arn:aws:iam::111111111111:policy/lenient' });
    expect(() => synth(s)).toThrow(
      /\[iam-role-permissions-boundary\] aws_iam_role\.task at svc\/task: the role carries permissions boundary arn:aws:iam::111111111111:policy\/lenient, not the stack's boundary aws_iam_policy\.permission-boundary/,
    );
  });

  test('an IAM user fails synth with the rule iam-no-users', () => {
    const s = stack();
    new IamUser(s, 'bob', { name: 'bob' });
    expect(() => synth(s)).toThrow(/\[iam-no-users\] aws_iam_user\.bob at svc\/bob/);
  });

  test('a pii-labelled bucket on a key of another class fails synth', () => {
    const s = stack();
    const key = new KmsKey(s, 'key', { enableKeyRotation: true, tags: { DataClassification: 'internal' } });
    const bucket = new S3Bucket(s, 'bucket', { bucket: 'acme-dev-pii' });
    labelDataClass(bucket, 'pii');
    new S3BucketServerSideEncryptionConfigurationA(s, 'sse', { bucket: bucket.id, rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.arn } }] });
    expect(() => synth(s)).toThrow(
      /\[encryption-data-class-binding\] aws_s3_bucket_server_side_encryption_configuration\.sse at svc\/sse: holds pii data but is encrypted with the internal key aws_kms_key\.key/,
    );
  });

  test('a resource without the mandatory tags fails synth', () => {
    const s = stack();
    new S3Bucket(s, 'bucket', { bucket: 'acme-dev-untagged', provider: undefined, tags: { Owner: '' } });
    expect(() => synth(s)).toThrow(/\[tags-mandatory\] aws_s3_bucket\.bucket at svc\/bucket: missing, empty or blank mandatory tag\(s\) Owner/);
  });

  test('the policy pack runs at synth and writes its report', () => {
    const app = new App({ outdir: tempDir('baseline-pack'), stackTraces: false });
    const s = stack({}, app);
    new S3Bucket(s, 'bucket', { bucket: 'acme-dev-plain' });
    expect(() => app.synth()).toThrow(/policy rampart-baseline: .*s3/);
  });
});
