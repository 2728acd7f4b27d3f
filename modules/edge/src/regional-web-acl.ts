import { CloudwatchLogResourcePolicy } from '@cdktf/provider-aws/lib/cloudwatch-log-resource-policy';
import { Wafv2WebAcl, Wafv2WebAclRule } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import { IKmsKey, RampartValidationError, assertValid, validateIntegerRange, renderPolicy } from '@rampart/core';
import { ClassifiedLogGroup, RetentionPolicy } from '@rampart/logging';
import { Construct } from 'constructs';
import { WafCostEstimate, estimateWafMonthlyCost } from './cost';
import { BASELINE_MANAGED_RULE_GROUPS, REDACTED_HEADERS } from './managed-rules';

/** A web ACL that resources can be associated with. */
export interface IWebAcl {
  readonly webAclArn: string;
}

/** Properties of a {@link RegionalWebAcl}. */
export interface RegionalWebAclProps {
  /** Web ACL name (1-128 letters, digits, hyphens, underscores); also the log group's suffix. */
  readonly name: string;
  /** Requests one client IP may send in 5 minutes before it is blocked (10-2,000,000,000). @default 2000 */
  readonly rateLimit?: number;
  /** Key of the log group (the `logs` key; its policy admits CloudWatch Logs). */
  readonly logsKey: IKmsKey;
  /** Retention table; the WAF logs are request (access) logs. @default RetentionPolicy.DEFAULT */
  readonly retention?: RetentionPolicy;
  /** Account and region of the log group (the log-delivery policy is scoped to them). */
  readonly accountId: string;
  readonly region: string;
  /** @default 'aws' */
  readonly partition?: string;
}

/**
 * A regional WAFv2 web ACL for load balancers: the AWS managed IP reputation, common, known bad
 * inputs and SQL injection rule groups, a rate-based rule that blocks an IP above `rateLimit`
 * requests per 5 minutes, and logging to the encrypted log group `aws-waf-logs-<name>` (retention
 * of the `access` log class) with the authorization and cookie headers redacted. Associate
 * resources with {@link associate}.
 */
export class RegionalWebAcl extends Construct implements IWebAcl {
  public readonly webAclArn: string;
  public readonly logGroup: ClassifiedLogGroup;
  /** Escape hatch: the `aws_wafv2_web_acl`. */
  public readonly resource: Wafv2WebAcl;
  /** Rules in the ACL (managed groups included), for the cost estimate. */
  public readonly ruleCount: number;
  private associations = 0;

  constructor(scope: Construct, id: string, props: RegionalWebAclProps) {
    super(scope, id);
    const rateLimit = props.rateLimit ?? 2000;
    const partition = props.partition ?? 'aws';
    if (typeof props.name !== 'string' || !/^[A-Za-z0-9_-]{1,116}$/.test(props.name)) {
      throw new RampartValidationError({ code: 'NAME_FORMAT', path: 'name', value: props.name, rule: 'must be 1-116 letters, digits, hyphens or underscores' });
    }
    assertValid(validateIntegerRange('rateLimit', rateLimit, 10, 2_000_000_000));
    const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });
    const rules: Wafv2WebAclRule[] = BASELINE_MANAGED_RULE_GROUPS.map((group, i) => ({
      name: group,
      priority: i + 1,
      overrideAction: { none: {} },
      // The binding types `statement` as a raw value: it is written in Terraform's snake_case.
      statement: { managed_rule_group_statement: { name: group, vendor_name: 'AWS' } },
      visibilityConfig: visibility(`${props.name}-${group}`.slice(0, 128)),
    }));
    rules.push({
      name: 'rate-limit-per-ip',
      priority: 100,
      action: { block: {} },
      statement: { rate_based_statement: { limit: rateLimit, aggregate_key_type: 'IP', evaluation_window_sec: 300 } },
      visibilityConfig: visibility(`${props.name}-rate-limit`),
    });
    this.ruleCount = rules.length;
    this.resource = new Wafv2WebAcl(this, 'acl', {
      name: props.name,
      description: 'Rampart baseline: AWS managed rule groups and a per-IP rate limit',
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      rule: rules,
      visibilityConfig: visibility(props.name),
    });
    this.webAclArn = this.resource.arn;

    // WAF only logs to a group whose name starts with aws-waf-logs-.
    this.logGroup = new ClassifiedLogGroup(this, 'logs', { logGroupName: `aws-waf-logs-${props.name}`, logClass: 'access', key: props.logsKey, retention: props.retention });
    // Log delivery writes the WAF logs; this policy admits it to this group only, for this account.
    const policy = new CloudwatchLogResourcePolicy(this, 'log-delivery', {
      policyName: `${props.name}-waf-log-delivery`,
      policyDocument: renderPolicy([
        {
          Sid: 'WafLogDelivery',
          Effect: 'Allow',
          Principal: { Service: 'delivery.logs.amazonaws.com' },
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `${this.logGroup.logGroupArn}:*`,
          Condition: {
            StringEquals: { 'aws:SourceAccount': props.accountId },
            ArnLike: { 'aws:SourceArn': `arn:${partition}:logs:${props.region}:${props.accountId}:*` },
          },
        },
      ]),
    });
    new Wafv2WebAclLoggingConfiguration(this, 'logging', {
      resourceArn: this.resource.arn,
      logDestinationConfigs: [this.logGroup.logGroupArn],
      redactedFields: REDACTED_HEADERS.map((name) => ({ singleHeader: { name } })),
      dependsOn: [policy],
    });
  }

  /** Associates a regional resource (an application load balancer) with this web ACL. */
  public associate(resourceArn: string): Wafv2WebAclAssociation {
    return new Wafv2WebAclAssociation(this, `association-${++this.associations}`, { resourceArn, webAclArn: this.webAclArn });
  }

  /** Fixed monthly cost of this ACL and its rules. */
  public get costEstimate(): WafCostEstimate {
    return estimateWafMonthlyCost(1, this.ruleCount);
  }
}
