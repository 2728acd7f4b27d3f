import { StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** A tag, once pushed, always names the same image. */
export const ecrImmutableTags: PolicyRule = {
  id: 'ecr-immutable-tags',
  title: 'ECR repositories have immutable image tags',
  area: 'ecr',
  severity: 'medium',
  suppressible: true,
  mappings: { fsbp: ['ECR.2'], checkov: ['CKV_AWS_51'] },
  hint: 'set image_tag_mutability = "IMMUTABLE"',
  resourceTypes: ['aws_ecr_repository'],
  check(repo: PolicyResource, _ctx: StackContext) {
    const m = repo.attributes.image_tag_mutability ?? 'MUTABLE';
    return m === 'IMMUTABLE' ? COMPLIANT : violation(`image_tag_mutability is ${String(m)}`);
  },
};
