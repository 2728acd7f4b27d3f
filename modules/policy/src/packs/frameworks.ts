import { ALL_RULES } from '../rules';
import { Framework, PolicyPack } from '../types';

/** A pack of every rule that maps to at least one control of a framework (from the rules' mappings). */
export function frameworkPack(name: string, framework: Framework, description: string): PolicyPack {
  return { name, description, rules: ALL_RULES.filter((r) => (r.mappings[framework] ?? []).length > 0) };
}

/** Rules mapped to a CIS AWS Foundations Benchmark v4.0.0 recommendation. */
export const CIS_AWS_FOUNDATIONS: PolicyPack = frameworkPack('cis-aws-foundations', 'cis', 'Rules mapped to CIS AWS Foundations Benchmark v4.0.0 recommendations');

/** Rules mapped to an AWS Security Hub Foundational Security Best Practices control. */
export const AWS_FSBP: PolicyPack = frameworkPack('aws-fsbp', 'fsbp', 'Rules mapped to AWS Security Hub Foundational Security Best Practices controls');
