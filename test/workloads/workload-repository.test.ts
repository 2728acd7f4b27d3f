import { collectOptOuts } from '@rampart/core';
import { WorkloadRepository, resolveWorkloadImage } from '@rampart/workloads';
import { errorOf, fixture, only, synth, testKey } from './fixtures';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const pull = { roleName: 'exec', roleArn: 'arn:aws:iam::123456789012:role/exec' };
const push = { roleName: 'gh', roleArn: 'arn:aws:iam::123456789012:role/gh' };

function repo(props: Partial<ConstructorParameters<typeof WorkloadRepository>[2]> = {}) {
  const f = fixture();
  const r = new WorkloadRepository(f.stack, 'images', { name: 'acme-dev-app', key: f.keys.pii, accountId: '123456789012', region: 'eu-central-1', pullRoles: [pull], ...props });
  return { ...f, r };
}

describe('WorkloadRepository', () => {
  test('immutable tags, KMS with the given key, scan on push', () => {
    const { stack } = repo();
    const json = synth(stack);
    expect(only(json, 'aws_ecr_repository')).toMatchObject({
      name: 'acme-dev-app',
      image_tag_mutability: 'IMMUTABLE',
      image_scanning_configuration: { scan_on_push: true },
      encryption_configuration: [{ encryption_type: 'KMS', kms_key: expect.stringContaining('aws_kms_key.key-pii') }],
    });
  });

  test('lifecycle: untagged images expire, the newest N are kept', () => {
    const { stack } = repo({ keepImages: 30, untaggedExpiryDays: 7 });
    const rules = JSON.parse(only(synth(stack), 'aws_ecr_lifecycle_policy').policy).rules;
    expect(rules.map((r: any) => [r.selection.tagStatus, r.selection.countType, r.selection.countNumber])).toEqual([
      ['untagged', 'sinceImagePushed', 7],
      ['any', 'imageCountMoreThan', 30],
    ]);
    expect(errorOf(() => repo({ keepImages: 0 }))).toMatchObject({ code: 'OUT_OF_RANGE', path: 'keepImages' });
  });

  test('the repository policy admits only the pull and push roles; everyone else is denied', () => {
    const { stack, r } = repo();
    r.grantPush(push);
    const json = synth(stack);
    const policy = JSON.parse(only(json, 'aws_ecr_repository_policy').policy);
    const byId = Object.fromEntries(policy.Statement.map((s: any) => [s.Sid, s]));
    expect(byId.PullRoles.Principal.AWS).toEqual([pull.roleArn]);
    expect(byId.PullRoles.Action).not.toContain('ecr:PutImage');
    expect(byId.PushRoles.Principal.AWS).toEqual([push.roleArn]);
    expect(byId.OnlyTheseRoles).toMatchObject({ Effect: 'Deny', Principal: '*', Condition: { StringNotEquals: { 'aws:PrincipalArn': [pull.roleArn, push.roleArn] } } });
    expect(byId.OnlyTheseRoles.Action).toEqual(expect.arrayContaining(['ecr:BatchGetImage', 'ecr:PutImage']));
  });

  test('grantPush lets the role push to this repository and nowhere else', () => {
    const { stack, r } = repo();
    r.grantPush(push);
    const policy = JSON.parse(only(synth(stack), 'aws_iam_role_policy').policy);
    const pushStatement = policy.Statement.find((s: any) => s.Sid === 'PushToWorkloadRepository');
    expect(pushStatement.Resource).toContain('aws_ecr_repository.images_repository');
    expect(policy.Statement.filter((s: any) => s.Resource === '*').map((s: any) => s.Action)).toEqual(['ecr:GetAuthorizationToken']);
  });

  test('a repository without a pull role fails validation', () => {
    const { stack } = repo({ pullRoles: [] });
    expect(() => synth(stack)).toThrow(/admits no pull role/);
  });
});

describe('resolveWorkloadImage', () => {
  test('a digest, or the repository reference by digest, becomes <repositoryUrl>@<digest>', () => {
    const { stack, r } = repo();
    const url = '123456789012.dkr.ecr.eu-central-1.amazonaws.com/acme-dev-app';
    expect(resolveWorkloadImage(stack, 'image', DIGEST, r)).toBe(`${url}@${DIGEST}`);
    expect(resolveWorkloadImage(stack, 'image', `333333333333.dkr.ecr.eu-central-1.amazonaws.com/acme-dev-app@${DIGEST}`, r)).toBe(`${url}@${DIGEST}`);
  });
  test.each([`public.ecr.aws/nginx/nginx@${DIGEST}`, '123456789012.dkr.ecr.eu-central-1.amazonaws.com/acme-dev-app:v1', `123456789012.dkr.ecr.eu-central-1.amazonaws.com/other@${DIGEST}`])(
    '%s is refused without the opt-out (IMAGE_NOT_FROM_REPOSITORY)',
    (image) => {
      const { stack, r } = repo();
      expect(errorOf(() => resolveWorkloadImage(stack, 'workload.image', image, r))).toMatchObject({ code: 'IMAGE_NOT_FROM_REPOSITORY', path: 'workload.image', value: image });
    },
  );
  test('allowExternalImage with a reason lets another registry in, reported', () => {
    const { stack, r } = repo();
    const image = `public.ecr.aws/nginx/nginx@${DIGEST}`;
    expect(resolveWorkloadImage(stack, 'image', image, r, { allowExternalImage: { reason: 'vendor image, mirrored later' } })).toBe(image);
    expect(collectOptOuts(stack).map((o) => o.id)).toEqual(['workloads.external-image']);
    expect(errorOf(() => resolveWorkloadImage(stack, 'image', image, r, { allowExternalImage: { reason: 'x' } }))).toMatchObject({ code: 'REASON_REQUIRED' });
  });
  test('imageByDigest refuses a tag', () => {
    const { r } = repo();
    expect(errorOf(() => r.imageByDigest('latest'))).toMatchObject({ code: 'IMAGE_DIGEST' });
  });
  test('the key is the one given (any IKmsKey)', () => {
    const f = fixture();
    const key = testKey(f.stack, 'health');
    new WorkloadRepository(f.stack, 'r', { name: 'acme-dev-x', key, accountId: '123456789012', region: 'eu-central-1', pullRoles: [pull] });
    expect(only(synth(f.stack), 'aws_ecr_repository').encryption_configuration[0].kms_key).toContain('key-health');
  });
});
