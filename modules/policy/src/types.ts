import type { StackContext } from './context';

/** How bad a finding is (impact). It sets the SARIF `security-severity`; `level` decides whether synth fails. */
export type Severity = 'critical' | 'high' | 'medium' | 'low';

/**
 * What an unsuppressed finding does: `error` fails synth (and the CLI exits 1); `warning` is
 * printed at synth and listed in the report under `warnings`, and the stack still passes.
 */
export type RuleLevel = 'error' | 'warning';

/** Benchmarks a rule may map to; packs select rules by these. */
export type Framework = 'cis' | 'fsbp' | 'checkov';

/** Ids of the same control in public benchmarks, where one exists. */
export interface RuleMappings {
  /** CIS AWS Foundations Benchmark v4.0.0 recommendation numbers, e.g. `3.7`. */
  readonly cis?: readonly string[];
  /** AWS Security Hub Foundational Security Best Practices control ids, e.g. `EC2.6`. */
  readonly fsbp?: readonly string[];
  /** checkov check ids, e.g. `CKV2_AWS_11`. */
  readonly checkov?: readonly string[];
}

/**
 * One thing a rule looks at: a managed resource as it appears in cdk.tf.json (tokens stay as
 * `${...}` strings), or a stack-level block such as the Terraform backend.
 */
export interface PolicyResource {
  /** Terraform type, e.g. `aws_s3_bucket`; `terraform_backend` for the backend block. */
  readonly type: string;
  /** Logical name inside the stack. */
  readonly name: string;
  /** `type.name`; for the backend `terraform.backend.<kind>`. */
  readonly address: string;
  /** Attributes exactly as synthesised (snake_case). */
  readonly attributes: Record<string, any>;
  /** Construct path from cdk.tf.json metadata, when present. */
  readonly constructPath?: string;
}

/** What a rule says about one resource. */
export type RuleOutcome =
  | { readonly status: 'compliant' }
  | { readonly status: 'not-applicable' }
  | {
      readonly status: 'non-compliant';
      /** What is wrong, naming the attribute or related resource. */
      readonly message: string;
      /**
       * Identifies one finding among several of the same rule on the same resource (a container
       * name, a rule index, a statement). Suppressions may target it.
       */
      readonly finding?: string;
      /** Overrides the rule's hint for this finding. */
      readonly hint?: string;
    };

/** A rule: metadata plus a pure check over one resource and its stack context. */
export interface PolicyRule {
  /** Stable id, `<area>-<what>`, e.g. `s3-versioning`. */
  readonly id: string;
  /** One line: what must hold. */
  readonly title: string;
  /** Rule area (the folder under src/rules). */
  readonly area: string;
  readonly severity: Severity;
  /** `error` fails synth, `warning` is printed and reported. @default 'error' */
  readonly level?: RuleLevel;
  /**
   * False for rules that no suppression may silence: a suppression naming one is refused
   * (`UNSUPPRESSIBLE_RULE`) in code, in an addressed list, in the JSON and in the CLI.
   */
  readonly suppressible: boolean;
  /**
   * Ids of named opt-outs (core `reportOptOut`, e.g. `identity.permission-boundary`) that waive
   * this rule for the resources at or below the construct they were recorded on. A waived finding
   * does not fail synth; the report lists it under `waived` with the opt-out's id, path and reason.
   * @default - no opt-out waives the rule
   */
  readonly waivedBy?: readonly string[];
  readonly mappings: RuleMappings;
  /** How to fix a finding. */
  readonly hint: string;
  /** Resource types the rule inspects; `*` for every managed `aws_` resource. */
  readonly resourceTypes: readonly string[];
  /** Pure: the same resource and context always give the same outcome(s). */
  check(resource: PolicyResource, context: StackContext): RuleOutcome | readonly RuleOutcome[];
}

/** A named, ordered set of rules. */
export interface PolicyPack {
  readonly name: string;
  readonly description: string;
  readonly rules: readonly PolicyRule[];
}

export const COMPLIANT: RuleOutcome = { status: 'compliant' };
export const NOT_APPLICABLE: RuleOutcome = { status: 'not-applicable' };

/** A non-compliant outcome. */
export function violation(message: string, extra: { finding?: string; hint?: string } = {}): RuleOutcome {
  return { status: 'non-compliant', message, ...extra };
}

/** Compliant when there are no violations; otherwise the violations. */
export function outcomes(violations: readonly RuleOutcome[]): readonly RuleOutcome[] {
  return violations.length === 0 ? [COMPLIANT] : violations;
}

/** A rule's level (`error` unless the rule says `warning`). */
export function levelOf(rule: PolicyRule): RuleLevel {
  return rule.level ?? 'error';
}
