import { StackContext, block, isTrue } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** Every pushed image is scanned for vulnerabilities. */
export const ecrScanOnPush: PolicyRule = {
  id: 'ecr-scan-on-push',
  title: 'ECR repositories scan every image on push',
  area: 'ecr',
  severity: 'medium',
  suppressible: true,
  mappings: { fsbp: ['ECR.1'], checkov: ['CKV_AWS_163'] },
  hint: 'set image_scanning_configuration { scan_on_push = true } (or an aws_ecr_registry_scanning_configuration with a SCAN_ON_PUSH rule)',
  resourceTypes: ['aws_ecr_repository'],
  check(repo: PolicyResource, ctx: StackContext) {
    if (isTrue(block(repo.attributes.image_scanning_configuration)?.scan_on_push)) return COMPLIANT;
    // A registry-wide scanning configuration with a scan-on-push rule for every repository also covers it.
    const registryWide = ctx
      .ofType('aws_ecr_registry_scanning_configuration')
      .some((c) =>
        (Array.isArray(c.attributes.rule) ? c.attributes.rule : [c.attributes.rule]).some(
          (r: any) => r && (r.scan_frequency === 'SCAN_ON_PUSH' || r.scan_frequency === 'CONTINUOUS_SCAN') && JSON.stringify(r.repository_filter ?? '').includes('"*"'),
        ),
      );
    return registryWide ? COMPLIANT : violation('image_scanning_configuration.scan_on_push is not true');
  },
};
