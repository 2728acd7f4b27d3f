import * as path from 'path';
import { validateStack } from '../../src/terraform/run';
import { buildApp } from '../../src/app';
import { config as defaultConfig } from '../../config/rampart.config';
import { validateConfig } from '../../config/validate';
import { RampartConfig } from '../../config/types';
import { GUARDDUTY_FEATURES } from '@rampart/detection';
import { logArchiveNames } from '../../stacks/account-detection';
import { warningsOf } from '../helpers/assertions';
import { StackJson, resourcesOfType, synthApp, tempDir } from '../helpers/synth';

const policiesOf = (stack: StackJson, type: string, field = 'policy'): any[] => Object.values(resourcesOfType(stack, type)).map((r) => JSON.parse(r[field]));
const statement = (policies: any[], sid: string): any => policies.flatMap((p) => p.Statement).find((s: any) => s.Sid === sid);

describe('log-archive and security accounts', () => {
  const { outdir, stacks } = synthApp();
  const la = stacks['log-archive'];
  const sec = stacks.security;
  const org = stacks.org;
  const names = logArchiveNames('acme', defaultConfig.logArchive!);

  test('each new stack deploys into its own account', () => {
    expect(la.provider!.aws[0].allowed_account_ids).toEqual(['666666666666']);
    expect(sec.provider!.aws[0].allowed_account_ids).toEqual(['777777777777']);
    expect(la.provider!.aws[0].default_tags[0].tags.Environment).toBe('log-archive');
  });

  test('log-archive holds the Object Lock trail bucket, its access-log bucket and the delivery bucket, under its own key', () => {
    const buckets = Object.values(resourcesOfType(la, 'aws_s3_bucket'))
      .map((b) => b.bucket)
      .sort();
    expect(buckets).toEqual([names.accessLogBucketName, names.deliveryBucketName, names.trailBucketName].sort());
    expect(Object.values(resourcesOfType(la, 'aws_s3_bucket')).find((b) => b.bucket === names.trailBucketName)!.object_lock_enabled).toBe(true);
    expect(Object.keys(resourcesOfType(la, 'aws_s3_bucket_object_lock_configuration'))).toHaveLength(1);
    expect(Object.values(resourcesOfType(la, 'aws_kms_alias')).map((a) => a.name)).toEqual([names.keyAliasName]);
  });

  test('the trail stays in org and writes by name to the log-archive bucket, encrypted with the log-archive key', () => {
    const trail = Object.values(resourcesOfType(org, 'aws_cloudtrail'))[0];
    expect(trail.s3_bucket_name).toBe(names.trailBucketName);
    expect(trail.s3_bucket_name).toBe('acme-log-archive-org-trail-666666666666');
    expect(trail.is_organization_trail).toBe(true);
    const keyLookup = Object.values(org.data!.aws_kms_key)[0];
    expect(keyLookup.key_id).toBe('arn:aws:kms:eu-central-1:666666666666:alias/acme-log-archive-logs');
    expect(trail.kms_key_id).toMatch(/data\.aws_kms_key\.log-archive-key.*\.arn/);
    // No trail bucket left in the management account.
    expect(Object.values(resourcesOfType(org, 'aws_s3_bucket'))).toEqual([]);
    // The bucket admits exactly that trail, of the management account.
    const trailArn = `arn:aws:cloudtrail:eu-central-1:111111111111:trail/${trail.name}`;
    expect(statement(policiesOf(la, 'aws_s3_bucket_policy'), 'AllowCloudTrailWrite').Condition.StringEquals['aws:SourceArn']).toBe(trailArn);
    const keyPolicies = policiesOf(la, 'aws_kms_key');
    expect(statement(keyPolicies, 'OrganizationTrailEncrypt').Condition.StringEquals['aws:SourceArn']).toBe(trailArn);
  });

  test('the key and delivery bucket admit Config by source organisation and GuardDuty by the security account', () => {
    const keyPolicies = policiesOf(la, 'aws_kms_key');
    expect(statement(keyPolicies, 'ConfigDeliveryFromOrganization').Condition.StringEquals['aws:SourceOrgID']).toMatch(/data\.aws_organizations_organization/);
    expect(statement(keyPolicies, 'GuardDutyFindingsExport').Condition.StringEquals['aws:SourceAccount']).toBe('777777777777');
    expect(statement(keyPolicies, 'OrganizationAccountsDescribeKey').Principal.AWS).toEqual(
      expect.arrayContaining(['111111111111', '777777777777', '333333333333', '444444444444', '555555555555'].map((a) => `arn:aws:iam::${a}:root`)),
    );
    const bucketPolicies = policiesOf(la, 'aws_s3_bucket_policy');
    expect(statement(bucketPolicies, 'ConfigDelivery').Condition.StringEquals['aws:SourceOrgID']).toMatch(/data\.aws_organizations_organization/);
    expect(statement(bucketPolicies, 'GuardDutyExport').Condition.StringEquals['aws:SourceAccount']).toEqual(['777777777777']);
  });

  test('security administers GuardDuty (all features, all members, export to log-archive), Security Hub, Config aggregation and Access Analyzer', () => {
    expect(
      Object.values(resourcesOfType(sec, 'aws_guardduty_organization_configuration_feature'))
        .map((f) => f.name)
        .sort(),
    ).toEqual([...GUARDDUTY_FEATURES].sort());
    expect(Object.values(resourcesOfType(sec, 'aws_guardduty_organization_configuration'))[0].auto_enable_organization_members).toBe('ALL');
    const exp = Object.values(resourcesOfType(sec, 'aws_guardduty_publishing_destination'))[0];
    expect(exp.destination_arn).toBe(`arn:aws:s3:::${names.deliveryBucketName}`);
    expect(exp.kms_key_arn).toMatch(/data\.aws_kms_key\.log-archive-key/);
    expect(Object.keys(resourcesOfType(sec, 'aws_securityhub_standards_subscription'))).toHaveLength(2);
    expect(Object.values(resourcesOfType(sec, 'aws_securityhub_finding_aggregator'))[0].specified_regions).toEqual(['eu-west-1']);
    expect(Object.values(resourcesOfType(sec, 'aws_config_configuration_aggregator'))[0].organization_aggregation_source.regions).toEqual(['eu-central-1', 'eu-west-1']);
    expect(Object.values(resourcesOfType(sec, 'aws_accessanalyzer_analyzer'))[0].type).toBe('ORGANIZATION');
    expect(Object.keys(resourcesOfType(sec, 'aws_cloudwatch_event_rule'))).toHaveLength(4);
  });

  test('org delegates the security services to the security account and trusts them in the organisation', () => {
    expect(Object.values(resourcesOfType(org, 'aws_guardduty_organization_admin_account'))[0].admin_account_id).toBe('777777777777');
    expect(Object.values(resourcesOfType(org, 'aws_securityhub_organization_admin_account'))[0].admin_account_id).toBe('777777777777');
    expect(Object.values(resourcesOfType(org, 'aws_organizations_delegated_administrator')).map((d) => d.account_id)).toEqual(['777777777777', '777777777777']);
    expect(Object.values(resourcesOfType(org, 'aws_organizations_organization'))[0].aws_service_access_principals).toEqual(expect.arrayContaining(['guardduty.amazonaws.com', 'config.amazonaws.com']));
  });

  test.each(['org', 'log-archive', 'security', 'dev', 'prod'])('%s gets hardening, a Config recorder delivering to log-archive, and security event rules', (name) => {
    const s = stacks[name];
    expect(Object.keys(resourcesOfType(s, 'aws_s3_account_public_access_block'))).toHaveLength(1);
    expect(Object.keys(resourcesOfType(s, 'aws_ebs_encryption_by_default'))).toHaveLength(1);
    expect(Object.keys(resourcesOfType(s, 'aws_ec2_instance_metadata_defaults'))).toHaveLength(1);
    expect(Object.keys(resourcesOfType(s, 'aws_iam_account_password_policy'))).toHaveLength(1);
    expect(Object.values(resourcesOfType(s, 'aws_account_alternate_contact'))[0]).toMatchObject({ alternate_contact_type: 'SECURITY', email_address: 'security@example.com' });
    const recorder = Object.values(resourcesOfType(s, 'aws_config_configuration_recorder'))[0];
    expect(recorder.recording_group.include_global_resource_types).toBe(true);
    // Other accounts name the bucket; log-archive references its own bucket (so the channel waits for it).
    const channel = Object.values(resourcesOfType(s, 'aws_config_delivery_channel'))[0];
    if (name === 'log-archive') expect(channel.s3_bucket_name).toMatch(/^\$\{aws_s3_bucket\.delivery-bucket_\w+\.bucket\}$/);
    else expect(channel.s3_bucket_name).toBe(names.deliveryBucketName);
    expect(Object.keys(resourcesOfType(s, 'aws_config_config_rule')).length).toBeGreaterThan(5);
    expect(Object.keys(resourcesOfType(s, 'aws_cloudwatch_event_rule')).length).toBeGreaterThanOrEqual(2);
  });

  test('environments encrypt EBS by default with their own key', () => {
    expect(Object.values(resourcesOfType(stacks.prod, 'aws_ebs_default_kms_key'))[0].key_arn).toMatch(/aws_kms_key/);
  });

  test('terraform validate passes on log-archive and security', async () => {
    for (const s of ['log-archive', 'security']) await validateStack(path.join(outdir, 'stacks', s), s);
  }, 300000);
});

describe('organisations without log-archive and security accounts', () => {
  const optOut = (): RampartConfig => {
    const c = JSON.parse(JSON.stringify(defaultConfig));
    delete c.logArchive;
    delete c.security;
    c.accounts = { separateLogArchiveAndSecurity: false, reason: 'single-account pilot, audit account pending' };
    return c;
  };

  test('the config needs the accounts unless the switch is off, and the switch needs a reason', () => {
    const missing = JSON.parse(JSON.stringify(defaultConfig));
    delete missing.security;
    const paths = (c: unknown): string[] => validateConfig(c).map((i) => i.path);
    expect(paths(missing)).toEqual(['security']);
    expect(paths(optOut())).toEqual([]);
    const noReason = optOut() as any;
    delete noReason.accounts.reason;
    expect(paths(noReason)).toEqual(['accounts.reason']);
    const same = JSON.parse(JSON.stringify(defaultConfig));
    same.security.accountId = same.logArchive.accountId;
    same.security.deployRoleArn = same.logArchive.deployRoleArn;
    same.security.keyAdminRoleArn = same.logArchive.keyAdminRoleArn;
    expect(paths(same)).toEqual(['security.accountId']);
  });

  test('keeps the trail buckets in org, builds no log-archive or security stack, and reports the opt-out', () => {
    const outdir = tempDir('opt-out');
    const { app, stacks } = buildApp(optOut(), { outdir });
    app.synth();
    expect(stacks.logArchive).toBeUndefined();
    expect(stacks.security).toBeUndefined();
    expect(stacks.org.auditTrail.bucket).toBeDefined();
    expect(stacks.org.delegation).toBeUndefined();
    expect(stacks.org.detection!.recorder).toBeUndefined();
    expect(stacks.org.detection!.hardening).toBeDefined();
    expect(warningsOf(stacks.org).join('\n')).toMatch(/accounts\.no-log-archive-and-security[\s\S]*single-account pilot/);
  });
});
