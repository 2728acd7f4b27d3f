import * as fs from 'fs';
import * as path from 'path';
import { Annotations, App, DefaultTokenResolver, StringConcat, TerraformResource, TerraformStack, Token, Tokenization } from 'cdktf';
import { IConstruct } from 'constructs';
import { collectOptOuts, DATA_CLASS_LABEL, KEY_CLASS_METADATA, KeyClassRecord, RampartValidationError, RampartValidationErrors } from '@rampart/core';
import { TerraformJson } from './context';
import { evaluateStack, formatProblems, formatWarnings, OPT_OUTS_COMMENT_KEY, serializeReport, StackReport, SUPPRESSIONS_COMMENT_KEY } from './engine';
import { RAMPART_BASELINE } from './packs/rampart-baseline';
import { ALL_RULES } from './rules';
import { addressError, AddressedSuppression, PolicySuppression, suppressionErrors, todayUtc } from './suppressions';
import { PolicyPack, PolicyRule } from './types';

/** File name of the report written beside each stack's cdk.tf.json. */
export const REPORT_FILE = 'policy-report.json';

/** Metadata type under which in-code suppressions are recorded on the construct tree (audit trail). */
export const SUPPRESSION_METADATA = 'rampart:policy-suppression';

/** Options of `RampartPolicy.apply`. */
export interface RampartPolicyOptions {
  /** The rules to run. @default RAMPART_BASELINE */
  readonly pack?: PolicyPack;
  /** Suppressions by address, for resources you cannot reach in code. @default - none */
  readonly suppressions?: readonly AddressedSuppression[];
  /**
   * Whether a stack is production (turns on multi-AZ, deletion protection and the longer
   * windows). A boolean, or a function of the stack. @default false
   */
  readonly production?: boolean | ((stack: TerraformStack) => boolean);
  /**
   * Which stack creates the remote state store and still keeps its own state locally, before its
   * state is migrated into that store. Only the remote-state rule reads it. @default - none
   */
  readonly stateBootstrap?: (stack: TerraformStack) => boolean;
  /** `YYYY-MM-DD` against which expiry is judged. @default today (UTC) */
  readonly today?: string;
  /** Write `policy-report.json` beside each stack's cdk.tf.json when the stack passes. @default true */
  readonly writeReport?: boolean;
}

const APPLIED = Symbol.for('@rampart/policy.applied');
const RULES_BY_ID = new Map(ALL_RULES.map((r) => [r.id, r]));

function stacksBelow(scope: IConstruct): TerraformStack[] {
  return scope.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
}

/**
 * Runs a policy pack over every stack at synth.
 *
 * The check is a node validation on each stack. cdktf runs it after all aspects (tags, permission
 * boundaries) and before the stack's cdk.tf.json is written; it evaluates the stack's fully
 * resolved Terraform JSON, the same document that is written, escape-hatch overrides included.
 * Unsuppressed findings, expired suppressions and invalid suppressions fail synth with one line
 * each (rule id, address, construct path, message, hint). A passing stack gets a deterministic
 * `policy-report.json` beside its cdk.tf.json, listing suppressed findings, suppressions and opt-outs.
 */
export class RampartPolicy {
  /** Applies the pack to a stack, or to every stack below an app or other scope. */
  public static apply(scope: IConstruct, options: RampartPolicyOptions = {}): void {
    const pack = options.pack ?? RAMPART_BASELINE;
    const rules = new Map(pack.rules.map((r) => [r.id, r]));
    const problems = (options.suppressions ?? []).flatMap((s, i) => {
      const errors = suppressionErrors(s, rules, `suppressions[${i}]`, options.today ?? todayUtc());
      const bad = s && typeof s === 'object' ? addressError(s.address, `suppressions[${i}].address`) : undefined;
      if (bad && errors.every((e) => e.issue.code !== 'TYPE')) errors.push(bad);
      return errors.map((e) => e.issue);
    });
    if (problems.length === 1) throw new RampartValidationError(problems[0]);
    if (problems.length > 1) throw new RampartValidationErrors(problems, 'Invalid policy suppressions');

    const stacks = TerraformStack.isStack(scope) ? [scope as TerraformStack] : stacksBelow(scope);
    for (const stack of stacks) RampartPolicy.attach(stack, pack, options);
    if (!TerraformStack.isStack(scope)) {
      // A stack created after apply() would escape the policy: fail synth rather than skip it.
      scope.node.addValidation({
        validate: () =>
          stacksBelow(scope)
            .filter((s) => !(s as any)[APPLIED])
            .map((s) => `policy: stack ${s.node.path} was created after RampartPolicy.apply() and is not checked; call apply() after building every stack`),
      });
    }
  }

  /**
   * Suppresses findings of one rule on one resource until a date. The suppression travels with
   * the synthesised JSON (under the resource's `//` comment), so the CLI honours it too.
   * Throws a typed error for an unknown or unsuppressible rule, a short reason, a missing owner,
   * a malformed date or an expiry more than a year after today (UTC).
   */
  public static suppress(resource: IConstruct, ...suppressions: PolicySuppression[]): void {
    if (!TerraformResource.isTerraformResource(resource)) {
      throw new RampartValidationError({ code: 'TYPE', path: resource.node.path, value: resource.constructor?.name, rule: 'a suppression targets one Terraform resource' });
    }
    const problems = suppressions.flatMap((s, i) => suppressionErrors(s, RULES_BY_ID, `${resource.node.path}.suppressions[${i}]`, todayUtc()).map((e) => e.issue));
    if (problems.length === 1) throw new RampartValidationError(problems[0]);
    if (problems.length > 1) throw new RampartValidationErrors(problems, 'Invalid policy suppressions');
    for (const s of suppressions) resource.node.addMetadata(SUPPRESSION_METADATA, s);
    const all = resource.node.metadata.filter((m) => m.type === SUPPRESSION_METADATA).map((m) => m.data as PolicySuppression);
    (resource as TerraformResource).addOverride(
      `//.${SUPPRESSIONS_COMMENT_KEY}`,
      all.map((s) => ({ ruleId: s.ruleId, reason: s.reason, owner: s.owner, expires: s.expires, ...(s.finding !== undefined ? { finding: s.finding } : {}) })),
    );
  }

  /** Evaluates one stack now (for tests and tools); the same check synth runs. */
  public static evaluate(stack: TerraformStack, options: RampartPolicyOptions = {}): StackReport {
    embedWaivers(stack, options.pack ?? RAMPART_BASELINE);
    return RampartPolicy.evaluateJson(stack, stack.toTerraform() as TerraformJson, options);
  }

  private static evaluateJson(stack: TerraformStack, json: TerraformJson, options: RampartPolicyOptions): StackReport {
    const production = typeof options.production === 'function' ? options.production(stack) : (options.production ?? false);
    return evaluateStack(json, {
      pack: options.pack ?? RAMPART_BASELINE,
      stackName: stack.node.id,
      production,
      stateBootstrap: options.stateBootstrap?.(stack) ?? false,
      suppressions: options.suppressions,
      today: options.today,
      optOuts: collectOptOuts(stack),
      labels: dataClassLabels(stack),
      keyClasses: keyClasses(stack),
    });
  }

  private static attach(stack: TerraformStack, pack: PolicyPack, options: RampartPolicyOptions): void {
    if ((stack as any)[APPLIED]) {
      throw new RampartValidationError({ code: 'DUPLICATE', path: stack.node.path, value: (stack as any)[APPLIED], rule: 'a policy pack is already applied to this stack' });
    }
    Object.defineProperty(stack, APPLIED, { value: pack.name, enumerable: false });
    stack.node.addValidation({
      validate: () => {
        // Resolve the stack once: the JSON judged here is handed to the synthesizer, which calls
        // toTerraform() right after the validations, so what is written is exactly what was checked
        // and tokens are not resolved a second time.
        embedWaivers(stack, pack);
        const json = stack.toTerraform();
        const report = RampartPolicy.evaluateJson(stack, json as TerraformJson, { ...options, pack });
        for (const line of formatWarnings(report)) Annotations.of(stack).addWarning(`policy ${report.pack}: ${line}`);
        if (!report.passed) return formatProblems(report).map((line) => `policy ${report.pack}: ${line}`);
        reuseOnce(stack, json);
        if (options.writeReport ?? true) {
          const dir = path.join(App.of(stack).outdir, 'stacks', stack.node.id);
          fs.mkdirSync(dir, { recursive: true });
          fs.writeFileSync(path.join(dir, REPORT_FILE), serializeReport(report));
        }
        return [];
      },
    });
  }
}

/** The next toTerraform() call on this stack returns `json` instead of resolving again; later calls resolve as usual. */
function reuseOnce(stack: TerraformStack, json: any): void {
  const own = Object.prototype.hasOwnProperty.call(stack, 'toTerraform') ? (stack as any).toTerraform : undefined;
  (stack as any).toTerraform = function reused() {
    if (own) (stack as any).toTerraform = own;
    else delete (stack as any).toTerraform;
    return json;
  };
}

/** Metadata type written by the encryption module's `labelDataClass` (the nearest label wins). */
export const DATA_CLASS_LABEL_METADATA = DATA_CLASS_LABEL;

/** Data classes of keys from outside the stack (`importKey` records them), by every string that names them. */
function keyClasses(stack: TerraformStack): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of stack.node.findAll()) {
    for (const m of c.node.metadata) {
      if (m.type !== KEY_CLASS_METADATA) continue;
      const record = m.data as KeyClassRecord;
      for (const ref of record.refs) {
        const resolved = Token.isUnresolved(ref) ? Tokenization.resolve(ref, { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) }) : ref;
        if (typeof resolved === 'string' && resolved.length > 0) out.set(resolved, record.purpose);
      }
    }
  }
  return out;
}

function appliesToType(rule: PolicyRule, type: string): boolean {
  return rule.resourceTypes.includes(type) || (rule.resourceTypes.includes('*') && type.startsWith('aws_'));
}

/**
 * Writes, under the `//` comment of each resource, the recorded opt-outs that cover it and waive a
 * rule of the pack that applies to it, so the JSON carries the waiver to the CLI as well.
 */
function embedWaivers(stack: TerraformStack, pack: PolicyPack): void {
  const waiving = pack.rules.filter((r) => (r.waivedBy ?? []).length > 0);
  if (waiving.length === 0) return;
  const optOuts = collectOptOuts(stack).filter((o) => waiving.some((r) => r.waivedBy!.includes(o.id)));
  if (optOuts.length === 0) return;
  for (const c of stack.node.findAll()) {
    if (!TerraformResource.isTerraformResource(c)) continue;
    const r = c as TerraformResource;
    const path = r.node.path;
    const covering = optOuts.filter((o) => (path === o.path || path.startsWith(`${o.path}/`)) && waiving.some((rule) => rule.waivedBy!.includes(o.id) && appliesToType(rule, r.terraformResourceType)));
    if (covering.length === 0) continue;
    r.addOverride(
      `//.${OPT_OUTS_COMMENT_KEY}`,
      covering.map((o) => ({ id: o.id, path: o.path, reason: o.reason ?? null })),
    );
  }
}

/** Data-class labels of the stack's resources, by Terraform address: the nearest labelled scope. */
function dataClassLabels(stack: TerraformStack): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of stack.node.findAll()) {
    if (!TerraformResource.isTerraformResource(c)) continue;
    for (const scope of [...c.node.scopes].reverse()) {
      const label = scope.node.metadata.find((m) => m.type === DATA_CLASS_LABEL_METADATA);
      if (label) {
        const r = c as TerraformResource;
        out.set(`${r.terraformResourceType}.${r.friendlyUniqueId}`, String(label.data));
        break;
      }
    }
  }
  return out;
}
