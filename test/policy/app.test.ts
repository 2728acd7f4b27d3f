import * as fs from 'fs';
import * as path from 'path';
import { config as defaultConfig } from '../../config/rampart.config';
import { synthApp } from '../helpers/synth';

const STACKS = ['bootstrap', 'org', 'log-archive', 'security', 'dev', 'staging', 'prod'];

/**
 * Every suppression the repository's own stacks use, as `<stack> <ruleId> <address>`. Adding one
 * means adding it here, in review, with its reason in the code that makes it.
 */
const REVIEWED_SUPPRESSIONS: string[] = [];

const reportOf = (outdir: string, name: string) => JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'policy-report.json'), 'utf8'));

describe('the policy pack on every stack of the app', () => {
  const { outdir } = synthApp();

  test.each(STACKS)('%s: passes rampart-baseline with zero unsuppressed findings and writes its report', (name) => {
    const report = reportOf(outdir, name);
    expect(report).toMatchObject({ schemaVersion: 2, stack: name, pack: 'rampart-baseline', passed: true, findings: [], errors: [] });
    expect(report.summary.rules).toBeGreaterThanOrEqual(40);
  });

  test('the suppressions in use are exactly the reviewed ones, each with a reason, an owner and a live expiry', () => {
    const all = STACKS.flatMap((name) => (reportOf(outdir, name).suppressions as any[]).map((s) => ({ stack: name, ...s })));
    expect(all.map((s) => `${s.stack} ${s.ruleId} ${s.address}`).sort()).toEqual([...REVIEWED_SUPPRESSIONS].sort());
    for (const s of all) {
      expect(s.reason.length).toBeGreaterThanOrEqual(10);
      expect(s.owner.length).toBeGreaterThan(0);
      expect(s.expired).toBe(false);
      expect(s.used).toBe(true);
    }
  });

  test('production stacks, and the stacks holding production data (org, log-archive, security: audit records and findings; bootstrap: state), are evaluated as production', () => {
    const production = STACKS.filter((s) => reportOf(outdir, s).production);
    expect(production).toEqual(['bootstrap', 'org', 'log-archive', 'security', 'prod']);
  });
});

describe('an app without a production environment', () => {
  test('evaluates no stack as production', () => {
    const { outdir } = synthApp({ ...defaultConfig, environments: defaultConfig.environments.map((e) => ({ ...e, production: false })) });
    expect(STACKS.filter((s) => reportOf(outdir, s).production)).toEqual([]);
  });
});
