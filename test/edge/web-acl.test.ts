import { RetentionPolicy } from '@rampart/logging';
import { BASELINE_MANAGED_RULE_GROUPS, RegionalWebAcl, ShieldAdvancedProtection, WAF_PRICES, estimateWafMonthlyCost, formatWafCost } from '@rampart/edge';
import { testStack } from '../helpers/synth';
import { errorOf, only, synth, testKey, warnings } from '../workloads/fixtures';

function acl(props: Partial<ConstructorParameters<typeof RegionalWebAcl>[2]> = {}) {
  const { stack } = testStack();
  const logsKey = testKey(stack, 'logs');
  const webAcl = new RegionalWebAcl(stack, 'waf', { name: 'acme-dev-app', logsKey, accountId: '123456789012', region: 'eu-central-1', ...props });
  return { stack, webAcl, json: synth(stack) };
}

describe('RegionalWebAcl', () => {
  const { json, webAcl } = acl();
  const resource = only(json, 'aws_wafv2_web_acl');

  test('is regional, allows by default, and runs the four AWS managed rule groups first', () => {
    expect(resource).toMatchObject({ name: 'acme-dev-app', scope: 'REGIONAL', default_action: { allow: {} } });
    const managed = resource.rule.filter((r: any) => r.statement.managed_rule_group_statement);
    expect(managed.map((r: any) => r.statement.managed_rule_group_statement.name)).toEqual([...BASELINE_MANAGED_RULE_GROUPS]);
    expect(managed.map((r: any) => r.statement.managed_rule_group_statement.vendor_name)).toEqual(['AWS', 'AWS', 'AWS', 'AWS']);
    expect(BASELINE_MANAGED_RULE_GROUPS).toEqual(
      expect.arrayContaining(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesSQLiRuleSet', 'AWSManagedRulesAmazonIpReputationList']),
    );
    for (const r of managed) expect(r.override_action).toEqual({ none: {} });
  });

  test('blocks an IP above the rate limit (default 2000 per 5 minutes; configurable)', () => {
    const rate = resource.rule.find((r: any) => r.statement.rate_based_statement);
    expect(rate).toMatchObject({ action: { block: {} }, statement: { rate_based_statement: { limit: 2000, aggregate_key_type: 'IP', evaluation_window_sec: 300 } } });
    const custom = only(acl({ rateLimit: 500 }).json, 'aws_wafv2_web_acl').rule.find((r: any) => r.statement.rate_based_statement);
    expect(custom.statement.rate_based_statement.limit).toBe(500);
    expect(errorOf(() => acl({ rateLimit: 5 }))).toMatchObject({ code: 'OUT_OF_RANGE', path: 'rateLimit' });
  });

  test('logs to an encrypted aws-waf-logs-* group with the access-log retention, authorization and cookie redacted', () => {
    const group = only(json, 'aws_cloudwatch_log_group');
    expect(group).toMatchObject({ name: 'aws-waf-logs-acme-dev-app', retention_in_days: RetentionPolicy.DEFAULT.retentionDays('access') });
    expect(group.kms_key_id).toContain('aws_kms_key.key-logs');
    const logging = only(json, 'aws_wafv2_web_acl_logging_configuration');
    expect(logging.redacted_fields).toEqual([{ single_header: { name: 'authorization' } }, { single_header: { name: 'cookie' } }]);
    expect(logging.log_destination_configs[0]).toContain('aws_cloudwatch_log_group');
    const delivery = JSON.parse(only(json, 'aws_cloudwatch_log_resource_policy').policy_document).Statement[0];
    expect(delivery).toMatchObject({ Principal: { Service: 'delivery.logs.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } });
    expect(only(acl({ retention: new RetentionPolicy({ accessDays: 731 }) }).json, 'aws_cloudwatch_log_group').retention_in_days).toBe(731);
  });

  test('associates resources and prices itself: 5 USD per ACL and 1 USD per rule each month', () => {
    webAcl.associate('arn:aws:elasticloadbalancing:eu-central-1:123456789012:loadbalancer/app/x/1');
    expect(webAcl.ruleCount).toBe(5);
    expect(webAcl.costEstimate).toEqual({ webAcls: 1, rules: 5, total: WAF_PRICES.webAclMonthly + 5 * WAF_PRICES.ruleMonthly });
    expect(formatWafCost(estimateWafMonthlyCost(2, 10))).toBe('2 web ACLs with 10 rules $20.00');
  });

  test('rejects a bad name', () => {
    expect(errorOf(() => acl({ name: 'no spaces allowed' }))).toMatchObject({ code: 'NAME_FORMAT' });
  });
});

test('ShieldAdvancedProtection protects one resource and warns about the subscription it needs', () => {
  const { stack } = testStack();
  new ShieldAdvancedProtection(stack, 'shield', { name: 'acme-prod-app', resourceArn: 'arn:aws:elasticloadbalancing:eu-central-1:123456789012:loadbalancer/app/x/1' });
  expect(only(synth(stack), 'aws_shield_protection')).toMatchObject({ name: 'acme-prod-app' });
  expect(warnings(stack).find((w) => w.includes('[edge.shield-advanced]'))).toContain('3,000 USD/month');
});
