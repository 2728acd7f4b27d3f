import { formatIssue } from '@rampart/core';
import { StackContext, TerraformJson } from './context';
import { AddressedSuppression, isExpired, PolicySuppression, ResolvedSuppression, suppressionErrors, todayUtc } from './suppressions';
import { normalizeTerraformJson } from './normalize';
import { levelOf, PolicyPack, PolicyResource, PolicyRule, RuleLevel, RuleMappings, RuleOutcome, Severity } from './types';

/** Key under a resource's `//` comment where in-code suppressions travel with the synthesised JSON. */
export const SUPPRESSIONS_COMMENT_KEY = 'rampart_suppressions';

/**
 * Key under a resource's `//` comment where the opt-outs that cover it and waive a rule of the
 * pack travel with the synthesised JSON (`[{ id, path, reason }]`), so the CLI waives the same findings.
 */
export const OPT_OUTS_COMMENT_KEY = 'rampart_opt_outs';

/** One unsuppressed (or suppressed) rule violation. */
export interface PolicyFinding {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  /** `error` fails synth; `warning` is reported and printed only. */
  readonly level: RuleLevel;
  /** False when no suppression may silence the rule. */
  readonly suppressible: boolean;
  /** Terraform address inside the stack. */
  readonly address: string;
  /** Construct path of the resource; the stack name for stack-level blocks. */
  readonly constructPath: string;
  readonly message: string;
  readonly hint: string;
  /** Id of this finding among several of the same rule on the resource, or null. */
  readonly finding: string | null;
  readonly mappings: RuleMappings;
}

/** A finding silenced by a suppression. */
export interface SuppressedFinding extends PolicyFinding {
  readonly suppression: { readonly reason: string; readonly owner: string; readonly expires: string; readonly source: string };
}

/** A finding waived by a named opt-out that the rule accepts (`PolicyRule.waivedBy`). */
export interface WaivedFinding extends PolicyFinding {
  readonly optOut: { readonly id: string; readonly path: string; readonly reason: string | null };
}

/** A problem with the policy run itself (an expired or invalid suppression); fails synth like a finding. */
export interface PolicyError {
  readonly code: string;
  readonly address: string;
  readonly ruleId: string;
  readonly message: string;
}

/** A secure default turned off on purpose (recorded through core `reportOptOut`). */
export interface ReportedOptOut {
  readonly id: string;
  readonly path: string;
  readonly message: string;
  readonly reason: string | null;
}

/** The policy report of one stack. Deterministic: same input, same bytes. */
export interface StackReport {
  readonly schemaVersion: 2;
  readonly stack: string;
  readonly pack: string;
  readonly production: boolean;
  /** True when there are no unsuppressed error-level findings and no errors (warnings do not fail). */
  readonly passed: boolean;
  readonly summary: {
    readonly rules: number;
    readonly resources: number;
    readonly findings: number;
    readonly warnings: number;
    readonly suppressed: number;
    /** Findings waived by a named opt-out. */
    readonly waived: number;
    readonly errors: number;
    readonly optOuts: number;
  };
  /** Unsuppressed findings of `error` rules: each fails the stack. */
  readonly findings: readonly PolicyFinding[];
  /** Unsuppressed findings of `warning` rules: printed and reported, the stack still passes. */
  readonly warnings: readonly PolicyFinding[];
  readonly suppressed: readonly SuppressedFinding[];
  /** Findings waived by a named opt-out (e.g. roles exempted from the permission boundary), with the opt-out. */
  readonly waived: readonly WaivedFinding[];
  /** Every suppression seen, whether it matched a finding or not. */
  readonly suppressions: ReadonlyArray<ResolvedSuppression & { readonly used: boolean; readonly expired: boolean }>;
  readonly errors: readonly PolicyError[];
  readonly optOuts: readonly ReportedOptOut[];
}

/** Inputs of one stack evaluation. */
export interface EvaluateOptions {
  readonly pack: PolicyPack;
  readonly stackName: string;
  /** @default false */
  readonly production?: boolean;
  /** The stack bootstraps the remote state and is not yet migrated into it (see StackFacts). @default false */
  readonly stateBootstrap?: boolean;
  /** Suppressions by address (in addition to those embedded in the JSON by `RampartPolicy.suppress`). */
  readonly suppressions?: readonly AddressedSuppression[];
  /** Data-class labels from the construct tree, by Terraform address. @default - none */
  readonly labels?: ReadonlyMap<string, string>;
  /** Data classes of keys from outside the stack (`importKey`), by ARN or key id. @default - none */
  readonly keyClasses?: ReadonlyMap<string, string>;
  /** Opt-outs to list in the report. */
  readonly optOuts?: ReadonlyArray<{ id: string; path: string; message: string; reason?: string }>;
  /** `YYYY-MM-DD` used to judge expiry. @default today (UTC) */
  readonly today?: string;
}

function backendSubjects(json: TerraformJson, stackName: string): PolicyResource[] {
  const out: PolicyResource[] = [];
  // A plan carries no backend block: backend rules cannot judge it.
  if (json['//']?.source === 'plan') return out;
  const tf = json.terraform ?? {};
  const backend = tf.backend as Record<string, Record<string, any>> | undefined;
  for (const kind of Object.keys(backend ?? {}).sort()) {
    out.push({ type: 'terraform_backend', name: kind, address: `terraform.backend.${kind}`, attributes: backend![kind] ?? {}, constructPath: stackName });
  }
  if (tf.cloud) out.push({ type: 'terraform_backend', name: 'cloud', address: 'terraform.cloud', attributes: tf.cloud, constructPath: stackName });
  if (out.length === 0) out.push({ type: 'terraform_backend', name: 'local', address: 'terraform.backend.local', attributes: {}, constructPath: stackName });
  return out;
}

function appliesTo(rule: PolicyRule, r: PolicyResource): boolean {
  if (rule.resourceTypes.includes(r.type)) return true;
  return rule.resourceTypes.includes('*') && r.type.startsWith('aws_');
}

function compare(a: string | null, b: string | null): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

function sortFindings<T extends PolicyFinding>(list: T[]): T[] {
  return list.sort((a, b) => compare(a.ruleId, b.ruleId) || compare(a.address, b.address) || compare(a.finding, b.finding));
}

/** Suppressions carried in the JSON under each resource's `//` comment. */
function embeddedSuppressions(ctx: StackContext): Array<{ address: string; s: PolicySuppression }> {
  const out: Array<{ address: string; s: PolicySuppression }> = [];
  for (const r of ctx.resources) {
    const list = r.attributes['//']?.[SUPPRESSIONS_COMMENT_KEY];
    if (Array.isArray(list)) for (const s of list) out.push({ address: r.address, s: s as PolicySuppression });
  }
  return out;
}

type OptOutEntry = { readonly id: string; readonly path: string; readonly reason: string | null };

function isOptOutEntry(x: unknown): x is { id: string; path: string; reason?: unknown } {
  return !!x && typeof x === 'object' && typeof (x as any).id === 'string' && typeof (x as any).path === 'string';
}

/** True when `path` is `scope` or below it. */
function covers(scope: string, path: string | undefined): boolean {
  return path !== undefined && (path === scope || path.startsWith(`${scope}/`));
}

/**
 * The opt-outs that cover a subject: those carried under its `//` comment and those recorded at or
 * above its construct path.
 */
function optOutsCovering(subject: PolicyResource, recorded: readonly OptOutEntry[]): OptOutEntry[] {
  const out: OptOutEntry[] = [];
  const embedded = subject.attributes['//']?.[OPT_OUTS_COMMENT_KEY];
  for (const o of Array.isArray(embedded) ? embedded : []) {
    if (isOptOutEntry(o)) out.push({ id: o.id, path: o.path, reason: typeof o.reason === 'string' ? o.reason : null });
  }
  for (const o of recorded) if (covers(o.path, subject.constructPath) && !out.some((e) => e.id === o.id && e.path === o.path)) out.push(o);
  return out;
}

/**
 * Every outcome one rule gives on one stack, per resource it applies to (compliant and
 * not-applicable included). For rule tests and tools; `evaluateStack` is what synth runs.
 */
export function ruleOutcomes(rule: PolicyRule, input: TerraformJson, facts: { stackName: string; production?: boolean }): Array<{ address: string; outcome: RuleOutcome }> {
  const json = normalizeTerraformJson(input, facts.stackName);
  const ctx = new StackContext(json, { stackName: facts.stackName, production: facts.production ?? false });
  const out: Array<{ address: string; outcome: RuleOutcome }> = [];
  for (const subject of [...ctx.resources, ...backendSubjects(json, facts.stackName)]) {
    if (!appliesTo(rule, subject)) continue;
    const result = rule.check(subject, ctx);
    for (const outcome of Array.isArray(result) ? result : [result]) out.push({ address: subject.address, outcome });
  }
  return out;
}

/**
 * Runs a pack over one stack's Terraform JSON and returns its report. Any valid Terraform JSON
 * shape is accepted (see `normalizeTerraformJson`); malformed input throws `PolicyInputError`.
 * Pass a plan through `planToTerraformJson` (or `readPolicyInput`) first.
 */
export function evaluateStack(input: TerraformJson, options: EvaluateOptions): StackReport {
  const json = normalizeTerraformJson(input, options.stackName);
  const today = options.today ?? todayUtc();
  const production = options.production ?? false;
  const ctx = new StackContext(json, { stackName: options.stackName, production, stateBootstrap: options.stateBootstrap, labels: options.labels, keyClasses: options.keyClasses });
  const rules = new Map(options.pack.rules.map((r) => [r.id, r]));
  const errors: PolicyError[] = [];

  // Collect and check suppressions.
  const candidates: Array<{ address: string; s: PolicySuppression; source: 'construct' | 'list' }> = [
    ...embeddedSuppressions(ctx).map((e) => ({ ...e, source: 'construct' as const })),
    ...(options.suppressions ?? [])
      .filter((s) => s.stack === undefined || s.stack === options.stackName)
      .map((s) => ({
        address: s.address,
        s: { ruleId: s.ruleId, reason: s.reason, owner: s.owner, expires: s.expires, ...(s.finding !== undefined ? { finding: s.finding } : {}) },
        source: 'list' as const,
      })),
  ];
  const active: ResolvedSuppression[] = [];
  const listed: Array<ResolvedSuppression & { used: boolean; expired: boolean }> = [];
  for (const c of candidates) {
    const resolved: ResolvedSuppression = { ...c.s, address: c.address, source: c.source };
    const problems = suppressionErrors(c.s, rules, `suppression(${c.address}, ${c.s.ruleId})`, today);
    const expired = problems.length === 0 && isExpired(c.s, today);
    for (const p of problems) errors.push({ code: 'SUPPRESSION_INVALID', address: c.address, ruleId: String(c.s.ruleId), message: formatIssue(p.issue) });
    if (expired) {
      errors.push({
        code: 'SUPPRESSION_EXPIRED',
        address: c.address,
        ruleId: c.s.ruleId,
        message: `suppression of ${c.s.ruleId} on ${c.address} (owner ${c.s.owner}) expired on ${c.s.expires}: fix the resource or renew the suppression with a new reason`,
      });
    }
    if (problems.length === 0 && !expired) active.push(resolved);
    listed.push({ ...resolved, used: false, expired });
  }

  const subjects = [...ctx.resources, ...backendSubjects(json, options.stackName)];
  const recordedOptOuts: OptOutEntry[] = (options.optOuts ?? []).map((o) => ({ id: o.id, path: o.path, reason: o.reason ?? null }));
  const findings: PolicyFinding[] = [];
  const warnings: PolicyFinding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const waived: WaivedFinding[] = [];
  for (const rule of options.pack.rules) {
    for (const subject of subjects) {
      if (!appliesTo(rule, subject)) continue;
      let result: RuleOutcome | readonly RuleOutcome[];
      try {
        result = rule.check(subject, ctx);
      } catch (e) {
        // Fail closed and keep going: a rule that cannot read a resource is an error in the report, never a crash.
        errors.push({ code: 'RULE_FAILED', address: subject.address, ruleId: rule.id, message: `rule ${rule.id} could not evaluate ${subject.address}: ${(e as Error).message}` });
        continue;
      }
      for (const outcome of Array.isArray(result) ? result : [result]) {
        if (outcome.status !== 'non-compliant') continue;
        const finding: PolicyFinding = {
          ruleId: rule.id,
          title: rule.title,
          severity: rule.severity,
          level: levelOf(rule),
          suppressible: rule.suppressible,
          address: subject.address,
          constructPath: subject.constructPath ?? options.stackName,
          message: outcome.message,
          hint: outcome.hint ?? rule.hint,
          finding: outcome.finding ?? null,
          mappings: rule.mappings,
        };
        const waiver = rule.waivedBy?.length ? optOutsCovering(subject, recordedOptOuts).find((o) => rule.waivedBy!.includes(o.id)) : undefined;
        if (waiver) {
          waived.push({ ...finding, optOut: waiver });
          continue;
        }
        const match = rule.suppressible ? active.find((s) => s.ruleId === rule.id && s.address === subject.address && (s.finding === undefined || s.finding === finding.finding)) : undefined;
        if (match) {
          suppressed.push({ ...finding, suppression: { reason: match.reason, owner: match.owner, expires: match.expires, source: match.source } });
          const entry = listed.find((l) => l.ruleId === match.ruleId && l.address === match.address && l.finding === match.finding && l.source === match.source);
          if (entry) entry.used = true;
        } else if (finding.level === 'warning') {
          warnings.push(finding);
        } else {
          findings.push(finding);
        }
      }
    }
  }

  const optOuts = (options.optOuts ?? []).map((o) => ({ id: o.id, path: o.path, message: o.message, reason: o.reason ?? null })).sort((a, b) => compare(a.path, b.path) || compare(a.id, b.id));
  const sortedErrors = errors.sort((a, b) => compare(a.address, b.address) || compare(a.ruleId, b.ruleId) || compare(a.code, b.code) || compare(a.message, b.message));
  const sortedSuppressions = listed.sort((a, b) => compare(a.address, b.address) || compare(a.ruleId, b.ruleId) || compare(a.finding ?? null, b.finding ?? null) || compare(a.source, b.source));
  return {
    schemaVersion: 2,
    stack: options.stackName,
    pack: options.pack.name,
    production,
    passed: findings.length === 0 && errors.length === 0,
    summary: {
      rules: options.pack.rules.length,
      resources: ctx.resources.length,
      findings: findings.length,
      warnings: warnings.length,
      suppressed: suppressed.length,
      waived: waived.length,
      errors: errors.length,
      optOuts: optOuts.length,
    },
    findings: sortFindings(findings),
    warnings: sortFindings(warnings),
    suppressed: sortFindings(suppressed),
    waived: sortFindings(waived),
    suppressions: sortedSuppressions.map((s) => ({
      ruleId: s.ruleId,
      address: s.address,
      ...(s.finding !== undefined ? { finding: s.finding } : {}),
      reason: s.reason,
      owner: s.owner,
      expires: s.expires,
      source: s.source,
      used: s.used,
      expired: s.expired,
    })),
    errors: sortedErrors,
    optOuts,
  };
}

/** The report as written to policy-report.json: stable key order, two-space indent, final newline. */
export function serializeReport(report: StackReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

function findingLine(f: PolicyFinding): string {
  return `[${f.ruleId}] ${f.address}${f.finding ? ` (${f.finding})` : ''} at ${f.constructPath}: ${f.message}. Hint: ${f.hint}`;
}

/** One line per unsuppressed error-level finding and per error: rule id, address, construct path, message, hint. */
export function formatProblems(report: StackReport): string[] {
  return [...report.findings.map(findingLine), ...report.errors.map((e) => `[${e.code}] ${e.address}: ${e.message}`)];
}

/** One line per unsuppressed warning-level finding. */
export function formatWarnings(report: StackReport): string[] {
  return report.warnings.map(findingLine);
}

/** A readable summary of one stack's report (used by the CLI and in synth failures). */
export function formatReport(report: StackReport): string {
  const head = `${report.stack}: ${report.passed ? 'passed' : 'FAILED'} (${report.summary.findings} finding(s), ${report.summary.warnings} warning(s), ${report.summary.suppressed} suppressed, ${report.summary.waived} waived, ${report.summary.errors} error(s); pack ${report.pack})`;
  const lines = [head, ...formatProblems(report).map((l) => `  ${l}`), ...formatWarnings(report).map((l) => `  warning ${l}`)];
  for (const s of report.suppressed) {
    lines.push(`  suppressed [${s.ruleId}] ${s.address}${s.finding ? ` (${s.finding})` : ''}: ${s.suppression.reason} (owner ${s.suppression.owner}, until ${s.suppression.expires})`);
  }
  for (const w of report.waived) {
    lines.push(`  waived [${w.ruleId}] ${w.address} by opt-out ${w.optOut.id} at ${w.optOut.path}${w.optOut.reason ? `: ${w.optOut.reason}` : ''}`);
  }
  return lines.join('\n');
}
