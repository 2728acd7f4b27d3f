import { validateConfig } from '../../config/validate';
import { config } from '../../config/rampart.config';
import { synthApp } from '../helpers/synth';

const boundaryOf = (stack: any): any => JSON.parse(Object.values(stack.resource.aws_iam_policy as Record<string, any>).find((p: any) => /permission-boundary$/.test(p.name))!.policy);

describe('permissionBoundary.allowedServices', () => {
  test("every stack's boundary allows the configured service prefixes only", () => {
    const { stacks } = synthApp({
      ...config,
      permissionBoundary: {
        allowedServices: [
          's3',
          'kms',
          'logs',
          'sts',
          'iam',
          'ec2',
          'ecs',
          'ecr',
          'rds',
          'rds-db',
          'secretsmanager',
          'ssm',
          'sns',
          'cloudwatch',
          'events',
          'elasticloadbalancing',
          'lambda',
          'dynamodb',
          'organizations',
          'cloudtrail',
        ],
      },
    });
    for (const name of ['org', 'dev', 'prod']) {
      const allow = boundaryOf(stacks[name]).Statement[0];
      expect(allow.Action).toContain('rds-db:*');
      expect(allow.Action).not.toContain('guardduty:*');
      expect(allow.Action).not.toContain('*');
    }
  });
  test('a bad or repeated prefix is reported with its path', () => {
    const issues = validateConfig({ ...config, permissionBoundary: { allowedServices: ['s3', 'S3', 's3'] } });
    expect(issues.map((i) => `${i.code} ${i.path}`)).toEqual(['NAME_FORMAT permissionBoundary.allowedServices[1]', 'DUPLICATE permissionBoundary.allowedServices[2]']);
  });
});
