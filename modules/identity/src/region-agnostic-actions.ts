/**
 * Actions exempted from a region deny because their service is global: its endpoint lives in one
 * region (mostly us-east-1) whatever region the caller works in, so denying "every region but
 * ours" would otherwise break IAM, Organizations, STS, Route 53, CloudFront, billing and support.
 *
 * The list follows AWS Organizations' documented example SCP "Deny access to AWS based on the
 * requested AWS Region" (Organizations user guide, general SCP examples). AWS notes that the
 * example may lag new global services; pass your own list where that matters.
 */
export const REGION_AGNOSTIC_ACTIONS: readonly string[] = [
  'a4b:*',
  'acm:*',
  'aws-marketplace-management:*',
  'aws-marketplace:*',
  'aws-portal:*',
  'budgets:*',
  'ce:*',
  'chime:*',
  'cloudfront:*',
  'config:*',
  'cur:*',
  'directconnect:*',
  'ec2:DescribeRegions',
  'ec2:DescribeTransitGateways',
  'ec2:DescribeVpnGateways',
  'fms:*',
  'globalaccelerator:*',
  'health:*',
  'iam:*',
  'importexport:*',
  'kms:*',
  'mobileanalytics:*',
  'networkmanager:*',
  'organizations:*',
  'pricing:*',
  'route53-recovery-cluster:*',
  'route53-recovery-control-config:*',
  'route53-recovery-readiness:*',
  'route53:*',
  'route53domains:*',
  's3:GetAccountPublic*',
  's3:ListAllMyBuckets',
  's3:ListMultiRegionAccessPoints',
  's3:PutAccountPublic*',
  'shield:*',
  'sts:*',
  'support:*',
  'trustedadvisor:*',
  'waf-regional:*',
  'waf:*',
  'wafv2:*',
  'wellarchitected:*',
];
