import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import { PolicyFinding, StackReport } from './engine';
import { PolicyPack, Severity } from './types';

/** Output formats of the CLI. */
export const FORMATS = ['text', 'json', 'sarif', 'junit'] as const;
export type OutputFormat = (typeof FORMATS)[number];

/** One checked stack: its report and the file it was read from (relative paths in SARIF). */
export interface CheckedStack {
  readonly report: StackReport;
  readonly file: string;
}

const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

/** RFC 6901 JSON pointer of a resource inside its stack file: `/resource/aws_s3_bucket/logs`. */
export function resourcePointer(address: string): string {
  const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
  if (address.startsWith('terraform.backend.')) return `/terraform/backend/${esc(address.slice('terraform.backend.'.length))}`;
  if (address === 'terraform.cloud') return '/terraform/cloud';
  const data = address.startsWith('data.');
  const rest = data ? address.slice(5) : address;
  const dot = rest.indexOf('.');
  return `/${data ? 'data' : 'resource'}/${esc(rest.slice(0, dot))}/${esc(rest.slice(dot + 1))}`;
}

/**
 * SARIF 2.1.0 for GitHub code scanning: one run, every rule of the pack with its metadata
 * (title, hint, severity as `security-severity`, mappings as tags), one result per unsuppressed
 * finding (level `error` or `warning` from the rule's level) and per suppressed or opt-out-waived
 * finding (with a `suppressions` entry), located at the stack file plus the resource's JSON pointer.
 */
export function toSarif(stacks: readonly CheckedStack[], pack: PolicyPack, version: string): string {
  const builder = new SarifBuilder();
  const run = new SarifRunBuilder().initSimple({ toolDriverName: 'rampart-policy', toolDriverVersion: version, url: 'https://github.com/rampart' });
  for (const rule of pack.rules) {
    const tags = ['security', ...(rule.mappings.cis ?? []).map((c) => `CIS-${c}`), ...(rule.mappings.fsbp ?? []).map((c) => `FSBP-${c}`), ...(rule.mappings.checkov ?? [])];
    run.addRule(
      new SarifRuleBuilder({
        id: rule.id,
        name: rule.id,
        shortDescription: { text: rule.title },
        fullDescription: { text: rule.title },
        help: { text: rule.hint },
        defaultConfiguration: { level: rule.level ?? 'error' },
        properties: { tags, 'security-severity': SECURITY_SEVERITY[rule.severity], severity: rule.severity, suppressible: rule.suppressible, mappings: rule.mappings },
      }),
    );
  }
  const result = (f: PolicyFinding, file: string, justification?: string) =>
    new SarifResultBuilder({
      ruleId: f.ruleId,
      level: f.level,
      message: { text: `${f.address}${f.finding ? ` (${f.finding})` : ''}: ${f.message}. Hint: ${f.hint}` },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: file.split('\\').join('/') }, region: { startLine: 1 } },
          logicalLocations: [{ name: f.address, fullyQualifiedName: `${file}#${resourcePointer(f.address)}`, kind: 'resource' }],
          properties: { jsonPointer: resourcePointer(f.address), constructPath: f.constructPath },
        },
      ],
      partialFingerprints: { rampartFinding: `${f.ruleId}|${f.address}|${f.finding ?? ''}` },
      ...(justification ? { suppressions: [{ kind: 'inSource', status: 'accepted', justification }] } : {}),
    });
  for (const { report, file } of stacks) {
    for (const f of [...report.findings, ...report.warnings]) run.addResult(result(f, file));
    for (const f of report.suppressed) run.addResult(result(f, file, `${f.suppression.reason} (owner ${f.suppression.owner}, until ${f.suppression.expires})`));
    for (const f of report.waived ?? []) run.addResult(result(f, file, `opt-out ${f.optOut.id} at ${f.optOut.path}${f.optOut.reason ? `: ${f.optOut.reason}` : ''}`));
  }
  builder.addRun(run);
  return `${builder.buildSarifJsonString({ indent: true })}\n`;
}

function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/**
 * JUnit XML: a test suite per stack, a test case per rule; a rule with error findings fails
 * (one `<failure>` listing them), warnings go to `<system-out>`.
 */
export function toJunit(stacks: readonly CheckedStack[], pack: PolicyPack): string {
  const suites = stacks.map(({ report, file }) => {
    const cases = pack.rules.map((rule) => {
      const errs = report.findings.filter((f) => f.ruleId === rule.id);
      const warns = report.warnings.filter((f) => f.ruleId === rule.id);
      const line = (f: PolicyFinding) => `${f.address}${f.finding ? ` (${f.finding})` : ''}: ${f.message}`;
      const body = [
        errs.length ? `<failure type="${xml(rule.severity)}" message="${xml(`${errs.length} finding(s)`)}">${xml(errs.map(line).join('\n'))}</failure>` : '',
        warns.length ? `<system-out>${xml(warns.map((w) => `warning ${line(w)}`).join('\n'))}</system-out>` : '',
      ].join('');
      return `    <testcase classname="${xml(`${report.stack}.${rule.area}`)}" name="${xml(rule.id)}" file="${xml(file)}">${body}</testcase>`;
    });
    const errors = report.errors.map(
      (e) => `    <testcase classname="${xml(report.stack)}.suppressions" name="${xml(`${e.code} ${e.address} ${e.ruleId}`)}"><error message="${xml(e.code)}">${xml(e.message)}</error></testcase>`,
    );
    const failures = pack.rules.filter((r) => report.findings.some((f) => f.ruleId === r.id)).length;
    return `  <testsuite name="${xml(report.stack)}" tests="${cases.length + errors.length}" failures="${failures}" errors="${errors.length}" skipped="0">\n${[...cases, ...errors].join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="rampart-policy ${xml(pack.name)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
