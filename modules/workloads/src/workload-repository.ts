import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcrRepositoryPolicy } from '@cdktf/provider-aws/lib/ecr-repository-policy';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IKmsKey, IRoleGrantee, RampartValidationError, assertAllValid, assertValid, reportOptOut, validateAccountId, validateIntegerRange, renderPolicy } from '@rampart/core';
import { Lazy } from 'cdktf';
import { Construct, IConstruct } from 'constructs';

/** Actions that read an image (what ECS's execution role does at task start). */
export const ECR_PULL_ACTIONS: readonly string[] = ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'];

/** Actions that write an image. */
export const ECR_PUSH_ACTIONS: readonly string[] = ['ecr:BatchCheckLayerAvailability', 'ecr:CompleteLayerUpload', 'ecr:InitiateLayerUpload', 'ecr:PutImage', 'ecr:UploadLayerPart'];

const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** Properties of a {@link WorkloadRepository}. */
export interface WorkloadRepositoryProps {
  /** Repository name (`<prefix>-<env>-<workload>`): lowercase letters, digits, `._-/`, 2-256. Changing it replaces the repository. */
  readonly name: string;
  /** The environment's key the images are encrypted with (the workload's data-class key). Changing it replaces the repository. */
  readonly key: IKmsKey;
  /** Account and region of the repository (its URL is built from them). */
  readonly accountId: string;
  readonly region: string;
  /** Roles that may pull (the task execution role). More with {@link grantPull}. @default - none */
  readonly pullRoles?: readonly IRoleGrantee[];
  /** Tagged images kept, newest first (1-10000). @default 100 */
  readonly keepImages?: number;
  /** Days an untagged image is kept (1-3650). @default 14 */
  readonly untaggedExpiryDays?: number;
}

/**
 * A private ECR repository for one workload's images: tags are immutable (a tag, once pushed,
 * always means the same image), images are encrypted with the environment's customer-managed
 * key, every push is scanned for vulnerabilities, and a lifecycle policy expires untagged images
 * and keeps the newest `keepImages` tagged ones. Its repository policy admits only the roles
 * granted here: pull roles may read, push roles may write, and every other principal is denied
 * both, whatever its IAM policy says.
 */
export class WorkloadRepository extends Construct {
  public readonly repositoryName: string;
  /** `<account>.dkr.ecr.<region>.amazonaws.com/<name>` (a literal). */
  public readonly repositoryUrl: string;
  public readonly repositoryArn: string;
  /** Escape hatch: the `aws_ecr_repository`. */
  public readonly resource: EcrRepository;
  private readonly pullRoles: IRoleGrantee[] = [];
  private readonly pushRoles: IRoleGrantee[] = [];
  private grants = 0;

  constructor(scope: Construct, id: string, props: WorkloadRepositoryProps) {
    super(scope, id);
    const keep = props.keepImages ?? 100;
    const untaggedDays = props.untaggedExpiryDays ?? 14;
    assertAllValid([validateIntegerRange('keepImages', keep, 1, 10000), validateIntegerRange('untaggedExpiryDays', untaggedDays, 1, 3650), validateAccountId('accountId', props.accountId)]);
    if (typeof props.name !== 'string' || !/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(props.name) || props.name.length < 2 || props.name.length > 256) {
      throw new RampartValidationError({ code: 'NAME_FORMAT', path: 'name', value: props.name, rule: 'must be an ECR repository name: 2-256 lowercase letters, digits and single . _ - / separators' });
    }
    this.repositoryName = props.name;
    this.repositoryUrl = `${props.accountId}.dkr.ecr.${props.region}.amazonaws.com/${props.name}`;
    this.resource = new EcrRepository(this, 'repository', {
      name: props.name,
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: 'KMS', kmsKey: props.key.keyArn }],
    });
    this.repositoryArn = this.resource.arn;
    new EcrLifecyclePolicy(this, 'lifecycle', {
      repository: this.resource.name,
      policy: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
            description: `Expire untagged images after ${untaggedDays} days`,
            selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: untaggedDays },
            action: { type: 'expire' },
          },
          { rulePriority: 2, description: `Keep the newest ${keep} images`, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: keep }, action: { type: 'expire' } },
        ],
      }),
    });
    for (const role of props.pullRoles ?? []) this.pullRoles.push(role);
    new EcrRepositoryPolicy(this, 'policy', {
      repository: this.resource.name,
      policy: Lazy.stringValue({ produce: () => this.renderPolicy() }),
    });
    this.node.addValidation({ validate: () => (this.pullRoles.length === 0 ? [`[workloads] repository ${props.name} admits no pull role: grant the task's execution role with grantPull`] : []) });
  }

  /**
   * Lets a role pull from this repository (repository policy). The ECS execution role also needs
   * the IAM side; a HardenedTaskDefinition gives it for images of this repository.
   */
  public grantPull(role: IRoleGrantee): void {
    this.pullRoles.push(role);
  }

  /**
   * Lets a role push to this repository and nowhere else: an inline policy with the push actions
   * on this repository's ARN (plus `ecr:GetAuthorizationToken`, which has no resource), and a
   * repository-policy statement admitting it.
   */
  public grantPush(role: IRoleGrantee): IamRolePolicy {
    this.pushRoles.push(role);
    return new IamRolePolicy(this, `push-${++this.grants}`, {
      role: role.roleName,
      name: `ecr-push-${this.repositoryName.replace(/[^\w+=,.@-]/g, '-')}`.slice(0, 128),
      policy: renderPolicy([
        { Sid: 'RegistryLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
        { Sid: 'PushToWorkloadRepository', Effect: 'Allow', Action: [...ECR_PUSH_ACTIONS, 'ecr:DescribeImages'], Resource: this.repositoryArn },
      ]),
    });
  }

  /** `<repositoryUrl>@sha256:<digest>`; typed error `IMAGE_DIGEST` for anything but a sha256 digest. */
  public imageByDigest(digest: string, path = 'digest'): string {
    if (typeof digest !== 'string' || !DIGEST.test(digest)) {
      throw new RampartValidationError({ code: 'IMAGE_DIGEST', path, value: digest, rule: 'must be an image digest: sha256: and 64 lowercase hex digits' });
    }
    return `${this.repositoryUrl}@${digest}`;
  }

  private renderPolicy(): string {
    const pull = this.pullRoles.map((r) => r.roleArn);
    const push = this.pushRoles.map((r) => r.roleArn);
    const everyone = [...new Set([...pull, ...push])];
    return renderPolicy([
      ...(pull.length > 0 ? [{ Sid: 'PullRoles', Effect: 'Allow' as const, Principal: { AWS: pull }, Action: [...ECR_PULL_ACTIONS] }] : []),
      ...(push.length > 0 ? [{ Sid: 'PushRoles', Effect: 'Allow' as const, Principal: { AWS: push }, Action: [...ECR_PUSH_ACTIONS, 'ecr:DescribeImages'] }] : []),
      {
        Sid: 'OnlyTheseRoles',
        Effect: 'Deny',
        Principal: '*',
        Action: [...new Set([...ECR_PULL_ACTIONS, ...ECR_PUSH_ACTIONS])],
        Condition: { StringNotEquals: { 'aws:PrincipalArn': everyone } },
      },
    ]);
  }
}

/** How a workload's image may be given. */
export interface WorkloadImageOptions {
  /**
   * Opt-out: allow an image from another registry (or not pinned by digest). Needs a reason;
   * reported as `workloads.external-image`.
   * @default - the image must come from the workload's repository, by digest
   */
  readonly allowExternalImage?: { readonly reason: string };
}

/**
 * The image a workload's task definition runs. `sha256:<digest>` means that digest in the
 * workload's repository; a full reference must be `<repositoryUrl>@sha256:<digest>` (an image of
 * the same repository name in another account, e.g. the configured account on an emulator,
 * resolves to this repository). Anything else throws `IMAGE_NOT_FROM_REPOSITORY`, unless
 * `allowExternalImage` names a reason (reported on `scope`).
 */
export function resolveWorkloadImage(scope: IConstruct, path: string, image: string, repository: WorkloadRepository, options: WorkloadImageOptions = {}): string {
  if (typeof image === 'string' && DIGEST.test(image)) return repository.imageByDigest(image, path);
  const m = typeof image === 'string' ? /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/(.+)@(sha256:[a-f0-9]{64})$/.exec(image) : null;
  if (m && m[3] === repository.repositoryName) return repository.imageByDigest(m[4], path);
  if (options.allowExternalImage) {
    const reason = options.allowExternalImage.reason;
    if (typeof reason !== 'string' || reason.trim().length < 10) {
      throw new RampartValidationError({ code: 'REASON_REQUIRED', path: 'allowExternalImage.reason', value: reason, rule: 'must say why the image comes from elsewhere (at least 10 characters)' });
    }
    assertValid(typeof image === 'string' && image.length > 0 && !/\s/.test(image) ? undefined : { code: 'IMAGE_FORMAT', path, value: image, rule: 'must be an image reference without whitespace' });
    reportOptOut(scope, { id: 'workloads.external-image', message: `the workload runs ${image}, which is not an image of its repository ${repository.repositoryName} pinned by digest`, reason });
    return image;
  }
  throw new RampartValidationError({
    code: 'IMAGE_NOT_FROM_REPOSITORY',
    path,
    value: image,
    rule: `must be a digest (sha256:...) of the workload's repository ${repository.repositoryUrl}, or that repository's URL with @sha256:...; another registry needs the opt-out allowExternalImage with a reason`,
  });
}
