import { RampartValidationError, RampartValidationErrors } from '@rampart/core';
import { LOG_CLASSES, MINIMUM_RETENTION_DAYS, RetentionPolicy } from '@rampart/logging';

const errorOf = (fn: () => unknown): RampartValidationError => {
  try {
    fn();
  } catch (e) {
    return e as RampartValidationError;
  }
  throw new Error('expected an error');
};

describe('RetentionPolicy', () => {
  test('GIVEN no overrides THEN it is the retention table of the seeds', () => {
    expect(RetentionPolicy.DEFAULT.toTable()).toEqual({
      cloudtrail: 365,
      'cloudtrail-archive': 2557,
      'vpc-flow-logs': 90,
      application: 30,
      'application-pii': 365,
      access: 365,
    });
    expect(RetentionPolicy.DEFAULT.cloudTrailLifecycle).toEqual({ archiveAfterDays: 365, expireAfterDays: 2557 });
  });

  test('every class has a minimum and the default uses it', () => {
    for (const c of LOG_CLASSES) expect(RetentionPolicy.DEFAULT.retentionDays(c)).toBe(MINIMUM_RETENTION_DAYS[c]);
  });

  test('a longer retention is accepted', () => {
    const p = new RetentionPolicy({ applicationDays: 90, vpcFlowLogsDays: 365, cloudTrailArchiveDays: 3653 });
    expect(p.retentionDays('application')).toBe(90);
    expect(p.retentionDays('vpc-flow-logs')).toBe(365);
    expect(p.cloudTrailLifecycle.expireAfterDays).toBe(3653);
  });

  test.each([
    ['a period CloudWatch Logs does not accept', { applicationDays: 45 }, 'LOG_RETENTION', 'retention.applicationDays'],
    ['a retention below the minimum of its class', { vpcFlowLogsDays: 30 }, 'RETENTION_BELOW_MINIMUM', 'retention.vpcFlowLogsDays'],
    ['PII application logs kept only 30 days', { applicationPiiDays: 30 }, 'RETENTION_BELOW_MINIMUM', 'retention.applicationPiiDays'],
    ['a non-number', { accessDays: '365' as unknown as number }, 'LOG_RETENTION', 'retention.accessDays'],
    ['an archive no longer than the hot period', { cloudTrailDays: 3653, cloudTrailArchiveDays: 2557 }, 'OUT_OF_RANGE', 'retention.cloudTrailArchiveDays'],
  ])('%s is a typed error', (_t, props, code, path) => {
    const e = errorOf(() => new RetentionPolicy(props));
    expect(e).toBeInstanceOf(RampartValidationError);
    expect(e.code).toBe(code);
    expect(e.path).toBe(path);
  });

  test('several bad values are reported together', () => {
    const e = errorOf(() => new RetentionPolicy({ applicationDays: 45, vpcFlowLogsDays: 7 })) as unknown as RampartValidationErrors;
    expect(e).toBeInstanceOf(RampartValidationErrors);
    expect(e.issues.map((i) => i.path)).toEqual(['retention.vpcFlowLogsDays', 'retention.applicationDays']);
  });
});
