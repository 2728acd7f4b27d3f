import { StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** Standards every Security Hub account of the stack must subscribe to, by the path in their ARN. */
export const REQUIRED_STANDARDS: Readonly<Record<string, string>> = {
  'AWS Foundational Security Best Practices': 'standards/aws-foundational-security-best-practices/',
  'CIS AWS Foundations Benchmark': 'standards/cis-aws-foundations-benchmark/',
};

/** A stack that enables Security Hub subscribes to the FSBP and CIS standards. */
export const securityhubStandardsSubscribed: PolicyRule = {
  id: 'securityhub-standards-subscribed',
  title: 'Security Hub accounts subscribe to the AWS Foundational Security Best Practices and CIS AWS Foundations standards',
  area: 'detection',
  severity: 'medium',
  suppressible: true,
  mappings: { fsbp: ['SecurityHub.1'] },
  hint: 'add aws_securityhub_standards_subscription for both standards (SecurityHubOrganization does)',
  resourceTypes: ['aws_securityhub_account'],
  check(_r: PolicyResource, ctx: StackContext) {
    const arns = ctx.ofType('aws_securityhub_standards_subscription').map((s) => String(s.attributes.standards_arn ?? ''));
    const missing = Object.entries(REQUIRED_STANDARDS)
      .filter(([, path]) => !arns.some((a) => a.includes(path)))
      .map(([name]) => name);
    return missing.length === 0 ? COMPLIANT : violation(`the stack subscribes to no ${missing.join(' and no ')} standard`);
  },
};
