/**
 * AWS WAF's fixed monthly list prices (USD, the same in every region, prorated hourly): each web
 * ACL, and each rule or rule group in it (an AWS managed rule group counts as one rule; the four
 * baseline groups carry no extra subscription fee). Requests ($0.60 per million inspected) are
 * usage, not fixed cost, and are not counted. Check AWS's pricing page before budgeting; this is
 * the one place these numbers are kept.
 */
export const WAF_PRICES = { webAclMonthly: 5, ruleMonthly: 1 } as const;

/** Estimated fixed monthly cost of web ACLs. */
export interface WafCostEstimate {
  readonly webAcls: number;
  readonly rules: number;
  /** USD per month. */
  readonly total: number;
}

/** Fixed monthly cost of `webAcls` web ACLs holding `rules` rules (and rule groups) in all. */
export function estimateWafMonthlyCost(webAcls: number, rules: number): WafCostEstimate {
  return { webAcls, rules, total: Math.round((webAcls * WAF_PRICES.webAclMonthly + rules * WAF_PRICES.ruleMonthly) * 100) / 100 };
}

/** `1 web ACL with 5 rules $10.00` */
export function formatWafCost(e: WafCostEstimate): string {
  return `${e.webAcls} web ACL${e.webAcls === 1 ? '' : 's'} with ${e.rules} rule${e.rules === 1 ? '' : 's'} $${e.total.toFixed(2)}`;
}
