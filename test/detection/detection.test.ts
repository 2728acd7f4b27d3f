import * as fs from 'fs';
import * as path from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import {
  AccountHardening,
  CIS_PASSWORD_POLICY,
  ConfigRecorder,
  ConfigRules,
  GUARDDUTY_FEATURES,
  GuardDutyOrganization,
  OrganizationAccessAnalyzer,
  OrganizationConfigAggregator,
  OrganizationDeliveryBucket,
  RAMPART_CONFIG_RULES,
  SECURITY_EVENT_PATTERNS,
  SecurityEventRules,
  SecurityHubOrganization,
  SecurityServiceDelegation,
  configDeliveryKeyStatement,
  describeKeyStatement,
  guardDutyExportKeyStatement,
  organizationTrailKeyStatements,
} from '@rampart/detection';
import { AccessLogBucket } from '@rampart/logging';
import { AlertTopic } from '@rampart/monitoring';
import { validateStack } from '../../src/terraform/run';
import { StackJson, resourcesOfType, synthStack, tempDir, testStack } from '../helpers/synth';
import { errorOf, only, testKey, warningsOf } from '../logging/helpers';

const names = { prefix: 'acme', environment: 'security' };
const CONTACT = { name: 'Security Team', title: 'Security', emailAddress: 'security@example.com', phoneNumber: '+49 30 1234567' };

/** Every construct of the module in one stack. */
function buildAll(stack: Construct): void {
  const key = testKey(stack);
  const topic = new AlertTopic(stack, 'alerts', { names, key, subscriptions: [{ protocol: 'email', endpoint: 'a@example.com' }] });
  new AccountHardening(stack, 'hardening', { ebsKey: testKey(stack, 'internal', 'ebs-key'), securityContact: CONTACT });
  const recorder = new ConfigRecorder(stack, 'config', { names, deliveryBucketName: 'acme-log-archive-config-123456789012', deliveryKeyArn: key.keyArn });
  new ConfigRules(stack, 'config-rules', { names, recorder: recorder.status });
  new OrganizationConfigAggregator(stack, 'aggregator', { names, regions: ['eu-central-1', 'eu-west-1'] });
  new OrganizationAccessAnalyzer(stack, 'analyzer', { names });
  new GuardDutyOrganization(stack, 'guardduty', { findingsExport: { bucketArn: 'arn:aws:s3:::acme-log-archive-findings-123456789012', keyArn: key.keyArn } });
  new SecurityHubOrganization(stack, 'securityhub', { linkedRegions: ['eu-west-1'] });
  new SecurityServiceDelegation(stack, 'delegation', { adminAccountId: '123456789012' });
  new SecurityEventRules(stack, 'events', { names, target: topic });
  const logs = new AccessLogBucket(stack, 'access-logs', { bucketName: 'acme-la-access-logs', key, sourceBucketArns: ['arn:aws:s3:::acme-la-config'] });
  new OrganizationDeliveryBucket(stack, 'config-bucket', { bucketName: 'acme-la-config', key, accessLogBucket: logs, configOrganizationId: 'o-abc123', guardDutyAccountIds: ['123456789012'] });
}

describe('AccountHardening', () => {
  const json = synthStack((s) => new AccountHardening(s, 'h', { ebsKey: testKey(s, 'internal'), securityContact: CONTACT }));
  test('blocks S3 public access account-wide, encrypts EBS with the given key, requires IMDSv2, sets the CIS password policy and the security contact', () => {
    expect(only(resourcesOfType(json, 'aws_s3_account_public_access_block'))).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(only(resourcesOfType(json, 'aws_ebs_encryption_by_default')).enabled).toBe(true);
    expect(only(resourcesOfType(json, 'aws_ebs_default_kms_key')).key_arn).toMatch(/aws_kms_key/);
    expect(only(resourcesOfType(json, 'aws_ec2_instance_metadata_defaults'))).toMatchObject({ http_tokens: 'required', http_put_response_hop_limit: 1 });
    expect(only(resourcesOfType(json, 'aws_iam_account_password_policy'))).toMatchObject({ minimum_password_length: 14, password_reuse_prevention: 24, require_symbols: true });
    expect(only(resourcesOfType(json, 'aws_account_alternate_contact'))).toMatchObject({ alternate_contact_type: 'SECURITY', email_address: 'security@example.com' });
    expect(CIS_PASSWORD_POLICY.minimumPasswordLength).toBeGreaterThanOrEqual(14);
  });
  test('without a key or contact: AWS managed EBS key and no contact, both reported as opt-outs', () => {
    const { stack } = testStack();
    new AccountHardening(stack, 'h');
    const json: StackJson = JSON.parse(Testing.synth(stack));
    expect(resourcesOfType(json, 'aws_ebs_default_kms_key')).toEqual({});
    expect(resourcesOfType(json, 'aws_account_alternate_contact')).toEqual({});
    expect(warningsOf(stack).join('\n')).toMatch(/detection\.hardening\.ebs-aws-managed-key[\s\S]*detection\.hardening\.no-security-contact/);
  });
  test('a bad contact or hop limit is a typed error naming each field', () => {
    const { stack } = testStack();
    const e = errorOf(() => new AccountHardening(stack, 'h', { metadataHopLimit: 0, securityContact: { ...CONTACT, emailAddress: 'nope', phoneNumber: '${x}' } }));
    expect(e.issues.map((i: any) => i.path).sort()).toEqual(['metadataHopLimit', 'securityContact.emailAddress', 'securityContact.phoneNumber']);
  });
});

describe('ConfigRecorder and ConfigRules', () => {
  test('records all supported types (global ones where asked), delivers encrypted to the bucket, and is switched on', () => {
    const json = synthStack((s) => {
      const r = new ConfigRecorder(s, 'c', {
        names,
        deliveryBucketName: 'acme-config-bucket',
        deliveryKeyArn: 'arn:aws:kms:eu-central-1:123456789012:alias/acme-log-archive-logs',
        recordGlobalResources: false,
      });
      new ConfigRules(s, 'rules', { names, recorder: r.status, omitRules: ['imdsv2'] });
    });
    expect(only(resourcesOfType(json, 'aws_config_configuration_recorder')).recording_group).toEqual({ all_supported: true, include_global_resource_types: false });
    expect(only(resourcesOfType(json, 'aws_config_delivery_channel'))).toMatchObject({ s3_bucket_name: 'acme-config-bucket', s3_kms_key_arn: expect.stringContaining(':alias/') });
    expect(only(resourcesOfType(json, 'aws_config_configuration_recorder_status')).is_enabled).toBe(true);
    expect(only(resourcesOfType(json, 'aws_iam_service_linked_role')).aws_service_name).toBe('config.amazonaws.com');
    const ids = Object.values(resourcesOfType(json, 'aws_config_config_rule'))
      .map((r) => r.source.source_identifier)
      .sort();
    expect(ids).toEqual(
      RAMPART_CONFIG_RULES.filter((r) => r.id !== 'imdsv2')
        .map((r) => r.identifier)
        .sort(),
    );
    expect(ids).toEqual(
      expect.arrayContaining([
        'ENCRYPTED_VOLUMES',
        'ROOT_ACCOUNT_MFA_ENABLED',
        'CLOUD_TRAIL_ENABLED',
        'INCOMING_SSH_DISABLED',
        'RESTRICTED_INCOMING_TRAFFIC',
        'RDS_STORAGE_ENCRYPTED',
        'S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED',
      ]),
    );
  });
  test('rejects a bad bucket, a bad key ARN and an unknown rule id', () => {
    const { stack } = testStack();
    expect(
      errorOf(() => new ConfigRecorder(stack, 'c', { names, deliveryBucketName: 'Bad_Bucket', deliveryKeyArn: 'key' }))
        .issues.map((i: any) => i.path)
        .sort(),
    ).toEqual(['deliveryBucketName', 'deliveryKeyArn']);
    const r = new ConfigRecorder(stack, 'ok', { names, deliveryBucketName: 'acme-config-bucket', deliveryKeyArn: 'arn:aws:kms:eu-central-1:123456789012:key/abc' });
    expect(errorOf(() => new ConfigRules(stack, 'rules', { names, recorder: r.status, omitRules: ['nope'] })).code).toBe('ENUM');
  });
});

describe('GuardDutyOrganization', () => {
  test('enables every applicable plan on the detector and for all members, with ECS Fargate agent management, and exports findings with KMS', () => {
    const json = synthStack((s) => new GuardDutyOrganization(s, 'g', { findingsExport: { bucketArn: 'arn:aws:s3:::b-findings', keyArn: 'arn:aws:kms:eu-central-1:123456789012:key/abc' } }));
    expect(only(resourcesOfType(json, 'aws_guardduty_detector')).enable).toBe(true);
    expect(only(resourcesOfType(json, 'aws_guardduty_organization_configuration')).auto_enable_organization_members).toBe('ALL');
    const org = Object.values(resourcesOfType(json, 'aws_guardduty_organization_configuration_feature'));
    expect(org.map((f) => f.name).sort()).toEqual([...GUARDDUTY_FEATURES].sort());
    expect(org.every((f) => f.auto_enable === 'ALL')).toBe(true);
    expect(org.find((f) => f.name === 'RUNTIME_MONITORING')!.additional_configuration).toEqual([{ name: 'ECS_FARGATE_AGENT_MANAGEMENT', auto_enable: 'ALL' }]);
    expect(Object.values(resourcesOfType(json, 'aws_guardduty_detector_feature')).map((f) => f.status)).toEqual(GUARDDUTY_FEATURES.map(() => 'ENABLED'));
    expect(only(resourcesOfType(json, 'aws_guardduty_publishing_destination'))).toMatchObject({
      destination_type: 'S3',
      destination_arn: 'arn:aws:s3:::b-findings',
      kms_key_arn: 'arn:aws:kms:eu-central-1:123456789012:key/abc',
    });
  });
  test('a plan turned off, NEW-only enabling and no export are each reported', () => {
    const { stack } = testStack();
    new GuardDutyOrganization(stack, 'g', { disabledFeatures: ['RDS_LOGIN_EVENTS'], autoEnableMembers: 'NEW' });
    const w = warningsOf(stack).join('\n');
    expect(w).toContain('detection.guardduty.rds-login-events-off');
    expect(w).toContain('detection.guardduty.new-members-only');
    expect(w).toContain('detection.guardduty.no-export');
  });
  test('an alias as export key is refused (GuardDuty needs a key ARN)', () => {
    const { stack } = testStack();
    expect(errorOf(() => new GuardDutyOrganization(stack, 'g', { findingsExport: { bucketArn: 'arn:aws:s3:::b-findings', keyArn: 'arn:aws:kms:eu-central-1:123456789012:alias/x' } })).path).toBe(
      'findingsExport.keyArn',
    );
  });
});

describe('SecurityHubOrganization', () => {
  test('subscribes FSBP and CIS, auto-enables members and aggregates the linked regions', () => {
    const json = synthStack((s) => new SecurityHubOrganization(s, 'h', { linkedRegions: ['eu-west-1'] }));
    expect(only(resourcesOfType(json, 'aws_securityhub_account'))).toMatchObject({ enable_default_standards: false, control_finding_generator: 'SECURITY_CONTROL' });
    expect(only(resourcesOfType(json, 'aws_securityhub_organization_configuration'))).toMatchObject({ auto_enable: true, auto_enable_standards: 'DEFAULT' });
    const arns = Object.values(resourcesOfType(json, 'aws_securityhub_standards_subscription'))
      .map((s) => s.standards_arn)
      .sort();
    expect(arns).toEqual([
      expect.stringMatching(/::standards\/aws-foundational-security-best-practices\/v\/1\.0\.0$/),
      expect.stringMatching(/::standards\/cis-aws-foundations-benchmark\/v\/3\.0\.0$/),
    ]);
    expect(only(resourcesOfType(json, 'aws_securityhub_finding_aggregator'))).toMatchObject({ linking_mode: 'SPECIFIED_REGIONS', specified_regions: ['eu-west-1'] });
  });
  test('no aggregator without linked regions; an omitted standard is reported', () => {
    const { stack } = testStack();
    new SecurityHubOrganization(stack, 'h', { omitStandards: ['cis'] });
    const json: StackJson = JSON.parse(Testing.synth(stack));
    expect(resourcesOfType(json, 'aws_securityhub_finding_aggregator')).toEqual({});
    expect(Object.keys(resourcesOfType(json, 'aws_securityhub_standards_subscription'))).toHaveLength(1);
    expect(warningsOf(stack).join('\n')).toContain('detection.security-hub.cis-off');
  });
});

describe('delegation, aggregator, analyzer', () => {
  test('the management account delegates GuardDuty, Security Hub, Config and Access Analyzer to the security account', () => {
    const json = synthStack((s) => new SecurityServiceDelegation(s, 'd', { adminAccountId: '123456789012' }));
    expect(only(resourcesOfType(json, 'aws_guardduty_organization_admin_account')).admin_account_id).toBe('123456789012');
    expect(only(resourcesOfType(json, 'aws_securityhub_organization_admin_account')).admin_account_id).toBe('123456789012');
    expect(
      Object.values(resourcesOfType(json, 'aws_organizations_delegated_administrator'))
        .map((d) => d.service_principal)
        .sort(),
    ).toEqual(['access-analyzer.amazonaws.com', 'config.amazonaws.com']);
    const { stack } = testStack();
    expect(errorOf(() => new SecurityServiceDelegation(stack, 'd', { adminAccountId: '12' })).code).toBe('ACCOUNT_ID');
  });
  test('organisation aggregator over the allowed regions, organisation analyzer', () => {
    const json = synthStack((s) => {
      new OrganizationConfigAggregator(s, 'a', { names, regions: ['eu-central-1', 'eu-west-1'] });
      new OrganizationAccessAnalyzer(s, 'x', { names });
    });
    expect(only(resourcesOfType(json, 'aws_config_configuration_aggregator')).organization_aggregation_source.regions).toEqual(['eu-central-1', 'eu-west-1']);
    expect(only(resourcesOfType(json, 'aws_accessanalyzer_analyzer')).type).toBe('ORGANIZATION');
    const { stack } = testStack();
    expect(errorOf(() => new OrganizationConfigAggregator(stack, 'a', { names, regions: [] })).code).toBe('REQUIRED');
  });
});

describe('SecurityEventRules', () => {
  test('routes the four events to the alert topic and admits each rule on the topic', () => {
    const { stack } = testStack();
    const topic = new AlertTopic(stack, 'alerts', { names, key: testKey(stack), subscriptions: [{ protocol: 'email', endpoint: 'a@example.com' }] });
    new SecurityEventRules(stack, 'e', { names, target: topic });
    const json: StackJson = JSON.parse(Testing.synth(stack));
    const rules = Object.values(resourcesOfType(json, 'aws_cloudwatch_event_rule'));
    const patterns = rules.map((r) => JSON.parse(r.event_pattern));
    expect(patterns).toHaveLength(4);
    expect(patterns).toEqual(expect.arrayContaining(Object.values(SECURITY_EVENT_PATTERNS)));
    expect(Object.values(resourcesOfType(json, 'aws_cloudwatch_event_target'))).toHaveLength(4);
    expect(JSON.stringify(only(resourcesOfType(json, 'aws_sns_topic_policy')))).toContain('EventBridgeRulesPublish');
    expect(SECURITY_EVENT_PATTERNS['guardduty-high']).toMatchObject({ detail: { severity: [{ numeric: ['>=', 7] }] } });
    expect(JSON.stringify(SECURITY_EVENT_PATTERNS['detection-changes'])).toMatch(/StopLogging.*StopConfigurationRecorder.*DeleteDetector/);
  });
});

describe('OrganizationDeliveryBucket and key statements', () => {
  test('admits Config by source organisation and GuardDuty by source account, TLS only', () => {
    const json = synthStack((s) => {
      const key = testKey(s);
      const logs = new AccessLogBucket(s, 'l', { bucketName: 'acme-la-access-logs', key, sourceBucketArns: ['arn:aws:s3:::acme-la-config'] });
      new OrganizationDeliveryBucket(s, 'b', { bucketName: 'acme-la-config', key, accessLogBucket: logs, configOrganizationId: 'o-abc123', guardDutyAccountIds: ['123456789012'] });
    });
    const policies = Object.values(resourcesOfType(json, 'aws_s3_bucket_policy')).map((p) => JSON.parse(p.policy));
    const mine = policies.find((p) => p.Statement.some((s: any) => s.Sid === 'ConfigDelivery'))!;
    expect(mine.Statement.find((s: any) => s.Sid === 'ConfigDelivery').Condition.StringEquals['aws:SourceOrgID']).toBe('o-abc123');
    expect(mine.Statement.find((s: any) => s.Sid === 'GuardDutyExport').Condition.StringEquals['aws:SourceAccount']).toEqual(['123456789012']);
    expect(mine.Statement.some((s: any) => s.Sid === 'DenyInsecureTransport')).toBe(true);
    const { stack } = testStack();
    const key = testKey(stack);
    const logs = new AccessLogBucket(stack, 'l', { bucketName: 'acme-la-access-logs', key, sourceBucketArns: ['arn:aws:s3:::acme-la-x'] });
    expect(errorOf(() => new OrganizationDeliveryBucket(stack, 'b', { bucketName: 'acme-la-x', key, accessLogBucket: logs })).code).toBe('REQUIRED');
  });
  test('key statements scope each service to its source', () => {
    const trail = organizationTrailKeyStatements('aws', 'arn:aws:cloudtrail:eu-central-1:111111111111:trail/acme-org-audit-trail', '111111111111');
    expect(trail[0].Condition!.StringEquals['aws:SourceArn']).toContain(':111111111111:trail/');
    expect(configDeliveryKeyStatement('o-abc').Condition!.StringEquals['aws:SourceOrgID']).toBe('o-abc');
    expect(guardDutyExportKeyStatement('222222222222').Condition!.StringEquals['aws:SourceAccount']).toBe('222222222222');
    expect(describeKeyStatement('aws', ['1', '1', '2']).Principal.AWS).toEqual(['arn:aws:iam::1:root', 'arn:aws:iam::2:root']);
  });
});

describe('terraform', () => {
  test('validate passes on a stack holding every construct of the module', async () => {
    const app = Testing.app();
    const { stack } = testStack();
    buildAll(stack);
    const dir = tempDir('detection');
    const stackDir = path.join(dir, 'stack');
    fs.mkdirSync(stackDir);
    fs.writeFileSync(path.join(stackDir, 'cdk.tf.json'), Testing.synth(stack as TerraformStack));
    await validateStack(stackDir, 'detection');
    expect(app).toBeDefined();
  }, 180000);
});
