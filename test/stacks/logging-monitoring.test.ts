import { Testing } from 'cdktf';
import { config as defaultConfig } from '../../config/rampart.config';
import { buildApp } from '../../src/app';
import { RampartConfig } from '../../config/types';
import { StackJson, resourcesOfType, synthApp, tempDir } from '../helpers/synth';

const clone = (): any => JSON.parse(JSON.stringify(defaultConfig));

describe('logging and monitoring in the app', () => {
  const { stacks } = synthApp();

  // Holds for every module: a log group anywhere in the app must keep its logs for a bounded
  // period and be encrypted with a customer-managed key.
  test('every CloudWatch log group in every stack has a retention and a KMS key', () => {
    const groups = Object.entries(stacks).flatMap(([stack, json]) =>
      Object.entries(resourcesOfType(json, 'aws_cloudwatch_log_group')).map(([id, g]) => ({ address: `${stack}.${id}`, retention: g.retention_in_days, kms: g.kms_key_id })),
    );
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.filter((g) => typeof g.retention !== 'number' || g.retention <= 0 || typeof g.kms !== 'string' || g.kms === '')).toEqual([]);
  });

  // Security Hub CloudWatch.15: an alarm without an ALARM action alerts nobody.
  test('every CloudWatch metric alarm in every stack has an enabled alarm action', () => {
    const alarms = Object.entries(stacks).flatMap(([stack, json]) =>
      Object.entries(resourcesOfType(json, 'aws_cloudwatch_metric_alarm')).map(([id, a]) => ({ address: `${stack}.${id}`, actions: a.alarm_actions, enabled: a.actions_enabled })),
    );
    expect(alarms.length).toBeGreaterThan(15);
    expect(alarms.filter((a) => !Array.isArray(a.actions) || a.actions.length === 0 || a.enabled === false)).toEqual([]);
  });

  test('the organisation trail, its log group and the 15 CIS alarms live in the org stack only; its buckets in log-archive', () => {
    const org = stacks.org;
    const trail = Object.values(resourcesOfType(org, 'aws_cloudtrail'));
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ is_organization_trail: true, is_multi_region_trail: true, enable_logging: true });
    expect(Object.values(resourcesOfType(org, 'aws_s3_bucket'))).toEqual([]);
    expect(trail[0].s3_bucket_name).toBe('acme-log-archive-org-trail-666666666666');
    expect(Object.values(resourcesOfType(stacks['log-archive'], 'aws_s3_bucket')).map((b) => b.bucket)).toContain('acme-log-archive-org-trail-666666666666');
    expect(Object.keys(resourcesOfType(org, 'aws_cloudwatch_log_metric_filter'))).toHaveLength(15);
    const topic = Object.keys(resourcesOfType(org, 'aws_sns_topic'))[0];
    const alarms = Object.values(resourcesOfType(org, 'aws_cloudwatch_metric_alarm'));
    expect(alarms).toHaveLength(15);
    for (const a of alarms) expect(a.alarm_actions).toEqual([`\${aws_sns_topic.${topic}.arn}`]);
    for (const name of ['bootstrap', 'log-archive', 'security', 'dev', 'staging', 'prod']) expect(resourcesOfType(stacks[name], 'aws_cloudtrail')).toEqual({});
  });

  const logsKeyPolicy = (json: StackJson): any => {
    const logs = Object.entries(resourcesOfType(json, 'aws_kms_key')).filter(([id]) => id.includes('logs'));
    expect(logs).toHaveLength(1);
    return JSON.parse(logs[0][1].policy);
  };

  test('the log group and the alert topic use the org logs key, which admits alarms of this account; the trail and its buckets the log-archive key', () => {
    const org = stacks.org;
    const keyId = Object.keys(resourcesOfType(org, 'aws_kms_key')).find((id) => id.includes('logs'))!;
    const arn = `\${aws_kms_key.${keyId}.arn}`;
    expect(Object.values(resourcesOfType(org, 'aws_cloudtrail'))[0].kms_key_id).toBe('${data.aws_kms_key.log-archive-key.arn}');
    expect(Object.values(resourcesOfType(org, 'aws_cloudwatch_log_group')).map((g) => g.kms_key_id)).toEqual([arn]);
    expect(Object.values(resourcesOfType(org, 'aws_sns_topic'))[0].kms_master_key_id).toBe(arn);
    const statements = logsKeyPolicy(org).Statement;
    const sid = (id: string) => statements.find((st: any) => st.Sid === id);
    expect(sid('CloudWatchAlarmsPublishEncrypted')).toMatchObject({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } } });
    const la = stacks['log-archive'];
    const laKey = `\${aws_kms_key.${Object.keys(resourcesOfType(la, 'aws_kms_key'))[0]}.arn}`;
    for (const sse of Object.values(resourcesOfType(la, 'aws_s3_bucket_server_side_encryption_configuration'))) {
      expect(sse.rule[0].apply_server_side_encryption_by_default.kms_master_key_id).toBe(laKey);
    }
    const laStatements = logsKeyPolicy(la).Statement;
    expect(laStatements.find((st: any) => st.Sid === 'S3ServerAccessLoggingUse')).toMatchObject({
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': '666666666666' } },
    });
    expect(JSON.stringify(laStatements.find((st: any) => st.Sid === 'OrganizationTrailEncrypt'))).toContain(':111111111111:trail/acme-org-audit-trail');
  });

  test('an environment logs key admits alarm and VPC-deletion rule publishing, not S3 access logging', () => {
    const statements = logsKeyPolicy(stacks.dev).Statement;
    const sids = statements.map((st: any) => st.Sid);
    expect(sids).toContain('CloudWatchAlarmsPublishEncrypted');
    expect(statements.find((st: any) => st.Sid === 'EventBridgeRulesPublishEncrypted')).toMatchObject({
      Principal: { Service: 'events.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': '333333333333' } },
    });
    expect(sids).not.toContain('S3ServerAccessLoggingUse');
  });

  test('the organisation trail waits for the organisation', () => {
    expect(Object.values(resourcesOfType(stacks.org, 'aws_cloudtrail'))[0].depends_on).toContain('aws_organizations_organization.organization');
  });

  test('the org trail is COMPLIANCE-locked because an environment is production', () => {
    expect(Object.values(resourcesOfType(stacks['log-archive'], 'aws_s3_bucket_object_lock_configuration'))[0].rule.default_retention).toEqual({ mode: 'COMPLIANCE', days: 2557 });
  });

  test.each(['dev', 'staging', 'prod'])('%s has an encrypted alert topic and the VPC-deletion alarm notifying it', (name) => {
    const env: StackJson = stacks[name];
    const topics = resourcesOfType(env, 'aws_sns_topic');
    expect(Object.values(topics)).toEqual([expect.objectContaining({ name: `acme-${name}-alerts`, kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\./) })]);
    const topicArn = `\${aws_sns_topic.${Object.keys(topics)[0]}.arn}`;
    const alarm = Object.values(resourcesOfType(env, 'aws_cloudwatch_metric_alarm')).find((a) => a.metric_name === 'MatchedEvents');
    expect(alarm?.alarm_actions).toEqual([topicArn]);
    // The rule also publishes to the topic itself, and the topic admits only the account's rules (this one and the security event rules).
    const ruleId = Object.keys(resourcesOfType(env, 'aws_cloudwatch_event_rule')).find((id) => id.includes('vpc-deletion'))!;
    expect(
      Object.values(resourcesOfType(env, 'aws_cloudwatch_event_target'))
        .filter((t) => t.rule === `\${aws_cloudwatch_event_rule.${ruleId}.name}`)
        .map((t) => t.arn),
    ).toEqual([topicArn]);
    const policy = JSON.parse(Object.values(resourcesOfType(env, 'aws_sns_topic_policy'))[0].policy);
    const ruleArns = Object.keys(resourcesOfType(env, 'aws_cloudwatch_event_rule')).map((id) => `\${aws_cloudwatch_event_rule.${id}.arn}`);
    expect(ruleArns).toHaveLength(3);
    expect(policy.Statement.find((st: any) => st.Principal?.Service === 'events.amazonaws.com').Condition.ArnEquals['aws:SourceArn'].sort()).toEqual(ruleArns.sort());
  });

  test('alert subscriptions come from config', () => {
    const subs = (name: string) => Object.values(resourcesOfType(stacks[name], 'aws_sns_topic_subscription')).map((s) => `${s.protocol}:${s.endpoint}`);
    expect(subs('prod')).toEqual(['email:platform-alerts@example.com', 'https:https://alerts.example.com/hooks/rampart']);
    expect(subs('staging')).toEqual(['email:platform-alerts@example.com']);
    expect(subs('org')).toEqual(['email:security-alerts@example.com']);
  });

  test('no shipped stack has an alert topic that notifies nobody', () => {
    const { stacks: built } = buildApp(defaultConfig, { outdir: tempDir('subs') });
    for (const stack of [built.org, ...Object.values(built.environments)]) {
      const warnings = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data)));
      expect(warnings.filter((w) => w.includes('monitoring.alert-topic.no-subscriptions'))).toEqual([]);
    }
  });

  test('Object Lock and data events follow the org logging config; GOVERNANCE when no environment is production', () => {
    const c: any = clone();
    c.org.logging = { objectLockDays: 365, s3DataEvents: true };
    c.environments.forEach((e: any) => (e.production = false));
    const { app } = buildApp(c as RampartConfig, { outdir: tempDir('cfg') });
    const org = JSON.parse(Testing.synth(app.node.findChild('org') as any));
    const archive = JSON.parse(Testing.synth(app.node.findChild('log-archive') as any));
    expect(Object.values(resourcesOfType(archive, 'aws_s3_bucket_object_lock_configuration'))[0].rule.default_retention).toEqual({ mode: 'GOVERNANCE', days: 365 });
    expect(Object.values(resourcesOfType(org, 'aws_cloudtrail'))[0].advanced_event_selector).toHaveLength(2);
  });

  test("VPC flow logs take their retention from the environment's retention policy, which the network config feeds", () => {
    const flowGroups = (json: StackJson) => Object.values(resourcesOfType(json, 'aws_cloudwatch_log_group')).filter((g) => /flow/.test(g.name));
    expect(flowGroups(stacks.dev).map((g) => g.retention_in_days)).toEqual([90]);
    const c: any = clone();
    c.environments[0].network = { ...(c.environments[0].network ?? {}), flowLogRetentionDays: 365 };
    const { stacks: built } = buildApp(c as RampartConfig, { outdir: tempDir('flow') });
    expect(built.environments.dev.retention.retentionDays('vpc-flow-logs')).toBe(365);
    expect(flowGroups(JSON.parse(Testing.synth(built.environments.dev))).map((g) => g.retention_in_days)).toEqual([365]);
  });

  test('a local deployment creates the trail stopped (emulator StartLogging fails) and says so', () => {
    const { stacks: built } = buildApp(defaultConfig, { outdir: tempDir('local'), deployment: { kind: 'local', endpoint: 'http://127.0.0.1:5000' } });
    const org = JSON.parse(Testing.synth(built.org));
    expect(Object.values(resourcesOfType(org, 'aws_cloudtrail'))[0].enable_logging).toBe(false);
    const warnings = built.org.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data)));
    // The emulator cannot serve the detection baseline: no log-archive and security accounts and no
    // account detection on that target, each reported with its reason.
    expect(warnings.sort()).toEqual([
      expect.stringContaining('[accounts.no-log-archive-and-security]'),
      expect.stringContaining('[logging.audit-trail.logging-disabled]'),
      expect.stringContaining('[stacks.account-detection-off]'),
    ]);
  });
});
