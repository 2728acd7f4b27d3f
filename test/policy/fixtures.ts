import * as path from 'path';
import * as fs from 'fs';
import { evaluateStack, PolicyRule, ruleOutcomes, TerraformJson } from '@rampart/policy';

/** Mandatory tags as a provider's default_tags. */
export const DEFAULT_TAGS = { Environment: 'test', Owner: 'team', CostCenter: 'cc', Compliance: 'none', DataClassification: 'internal' };

/** A stack's Terraform JSON: the given resources (and data sources), an AWS provider with default tags. */
export function tf(
  resource: Record<string, Record<string, Record<string, any>>>,
  extra: { data?: TerraformJson['data']; terraform?: Record<string, any>; provider?: TerraformJson['provider'] } = {},
): TerraformJson {
  return {
    provider: extra.provider ?? { aws: [{ region: 'eu-central-1', default_tags: [{ tags: DEFAULT_TAGS }] }] },
    resource,
    ...(extra.data ? { data: extra.data } : {}),
    ...(extra.terraform ? { terraform: extra.terraform } : {}),
  };
}

/** Addresses (with `#finding` where the rule names one) that one rule reports on a stack (as errors or, for warning-level rules, warnings), sorted. */
export function findings(rule: PolicyRule, json: TerraformJson, production = false): string[] {
  const report = evaluateStack(json, { pack: { name: 'one', description: 'one rule', rules: [rule] }, stackName: 'test', production, today: '2026-01-01' });
  return [...report.findings, ...report.warnings].map((f) => (f.finding ? `${f.address}#${f.finding}` : f.address)).sort();
}

/** One rule's fixtures: a stack where everything complies, and one where exactly `expected` do not. */
export interface RuleCase {
  readonly rule: PolicyRule;
  readonly compliant: TerraformJson;
  readonly nonCompliant: TerraformJson;
  readonly expected: readonly string[];
  /** Evaluate as a production stack. */
  readonly production?: boolean;
}

export const ref = (address: string, attr = 'id'): string => `\${${address}.${attr}}`;

/** Addresses on which a rule returns compliant (not merely not-applicable), sorted. */
export function compliantAddresses(rule: PolicyRule, json: TerraformJson, production = false): string[] {
  return [
    ...new Set(
      ruleOutcomes(rule, json, { stackName: 'test', production })
        .filter((o) => o.outcome.status === 'compliant')
        .map((o) => o.address),
    ),
  ].sort();
}

/** Writes one stack's Terraform JSON where cdktf would: `<dir>/stacks/<stack>/cdk.tf.json`. */
export function writeStackJson(dir: string, stack: string, json: object): void {
  fs.mkdirSync(path.join(dir, 'stacks', stack), { recursive: true });
  fs.writeFileSync(path.join(dir, 'stacks', stack, 'cdk.tf.json'), JSON.stringify(json));
}
