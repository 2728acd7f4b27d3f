import * as fs from 'fs';
import * as path from 'path';
import { synthApp } from '../helpers/synth';

const STACKS = ['bootstrap', 'org', 'dev', 'staging', 'prod'];

describe('the policy pack on every stack of the app', () => {
  const { outdir } = synthApp();

  test.each(STACKS)('%s: passes rampart-baseline with zero unsuppressed findings and writes its report', (name) => {
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'policy-report.json'), 'utf8'));
    expect(report).toMatchObject({ schemaVersion: 1, stack: name, pack: 'rampart-baseline', passed: true, findings: [], errors: [] });
    expect(report.summary.rules).toBeGreaterThanOrEqual(40);
    // every suppression used in the repository is listed with its reason, owner and expiry
    for (const s of report.suppressions) {
      expect(s.reason.length).toBeGreaterThanOrEqual(10);
      expect(s.owner.length).toBeGreaterThan(0);
      expect(s.expired).toBe(false);
    }
  });

  test('only production stacks are evaluated as production', () => {
    const production = STACKS.filter((s) => JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', s, 'policy-report.json'), 'utf8')).production);
    expect(production).toEqual(['prod']);
  });
});
