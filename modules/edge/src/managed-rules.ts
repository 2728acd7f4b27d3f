/** The AWS managed rule groups every Rampart web ACL runs, in evaluation order. */
export const BASELINE_MANAGED_RULE_GROUPS: readonly string[] = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesSQLiRuleSet',
];

/** Request headers that never reach the WAF logs (redacted). */
export const REDACTED_HEADERS: readonly string[] = ['authorization', 'cookie'];
