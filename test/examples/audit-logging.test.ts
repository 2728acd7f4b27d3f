import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { AuditLoggingExampleStack } from '../../examples/audit-logging/src/stack';
// terraform validate runs on the example built from the tarballs: test/consumer/examples.test.ts
import { StackJson, resourcesOfType, tempDir } from '../helpers/synth';

describe('examples/audit-logging', () => {
  const outdir = tempDir('example-audit');
  const app = new App({ outdir, stackTraces: false });
  new AuditLoggingExampleStack(app, 'audit-logging');
  app.synth();
  const dir = path.join(outdir, 'stacks', 'audit-logging');
  const json: StackJson = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8'));

  test('depends on @rampart/logging and @rampart/monitoring by package name', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../examples/audit-logging/package.json'), 'utf8'));
    expect(pkg.dependencies).toMatchObject({ '@rampart/logging': '0.1.0', '@rampart/monitoring': '0.1.0' });
    const source = fs.readFileSync(path.join(__dirname, '../../examples/audit-logging/src/stack.ts'), 'utf8');
    expect(source).toMatch(/from '@rampart\/logging'/);
    expect(source).toMatch(/from '@rampart\/monitoring'/);
  });

  test('synthesises a GOVERNANCE-locked trail, 16 alarms with actions, and log groups with retention and the logs key', () => {
    expect(Object.values(resourcesOfType(json, 'aws_s3_bucket_object_lock_configuration'))[0].rule.default_retention.mode).toBe('GOVERNANCE');
    const alarms = Object.values(resourcesOfType(json, 'aws_cloudwatch_metric_alarm'));
    expect(alarms).toHaveLength(16);
    for (const a of alarms) expect(a.alarm_actions).toHaveLength(1);
    const groups = Object.values(resourcesOfType(json, 'aws_cloudwatch_log_group'));
    expect(groups.map((g) => g.retention_in_days).sort()).toEqual([365, 90]);
    const key = Object.keys(resourcesOfType(json, 'aws_kms_key'))[0];
    for (const g of groups) expect(g.kms_key_id).toBe(`\${aws_kms_key.${key}.arn}`);
    const sids = JSON.parse(Object.values(resourcesOfType(json, 'aws_kms_key'))[0].policy).Statement.map((s: any) => s.Sid);
    expect(sids).toEqual(expect.arrayContaining(['CloudTrailEncryptLogs', 'CloudWatchLogsUse', 'S3ServerAccessLoggingUse', 'CloudWatchAlarmsPublishEncrypted']));
  });
});
