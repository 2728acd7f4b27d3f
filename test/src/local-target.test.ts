import * as path from 'path';
import * as fs from 'fs';
import { ENDPOINT_ALIASES, EMULATOR_ACCOUNT_ID, canonicalEndpointKeys, providerEndpointKeys } from '../../src/local/emulator-provider';
import { buildApp } from '../../src/app';
import { config as defaultConfig } from '../../config/rampart.config';
import { tempDir } from '../helpers/synth';
import { Testing } from 'cdktf';

describe('emulator endpoints', () => {
  const keys = providerEndpointKeys();
  const aliases = Object.values(ENDPOINT_ALIASES).flat();

  test('the key list comes from the provider binding', () => {
    expect(keys.length).toBeGreaterThan(250);
    expect(keys).toEqual(expect.arrayContaining(['s3', 'sts', 'iam', 'kms', 'dynamodb', 'ec2', 'rds', 'ecs', 'logs', 'cloudtrail', 'organizations', 'secretsmanager', 'ssm', 'sns', 'cloudwatch']));
  });

  test('every alias and every canonical key in the alias table is a key of the binding', () => {
    expect(aliases.filter((a) => !keys.includes(a))).toEqual([]);
    expect(Object.keys(ENDPOINT_ALIASES).filter((k) => !keys.includes(k))).toEqual([]);
    expect(new Set(aliases).size).toBe(aliases.length);
  });

  test('canonical keys are the binding keys without the aliases', () => {
    const canonical = canonicalEndpointKeys();
    expect(canonical).toHaveLength(keys.length - aliases.length);
    expect(canonical.filter((k) => aliases.includes(k))).toEqual([]);
    expect(canonical).toEqual(expect.arrayContaining(Object.keys(ENDPOINT_ALIASES)));
  });
});

describe('the local deployment target', () => {
  const endpoint = 'http://127.0.0.1:45999';
  const { stacks } = buildApp(defaultConfig, { outdir: tempDir('local-provider'), deployment: { kind: 'local', endpoint } });
  const all = [stacks.bootstrap, stacks.org, ...Object.values(stacks.environments)];

  test.each(all.map((s) => [s.node.id, s] as const))('%s: the provider talks only to the emulator and keeps its own assume_role into its own account', (_name, stack) => {
    const provider = JSON.parse(Testing.synth(stack)).provider.aws[0];
    expect(Object.keys(provider.endpoints[0]).sort()).toEqual(canonicalEndpointKeys().sort());
    expect(new Set(Object.values(provider.endpoints[0]))).toEqual(new Set([endpoint]));
    expect(provider).toMatchObject({
      access_key: 'test',
      secret_key: 'test',
      skip_credentials_validation: true,
      skip_metadata_api_check: 'true',
      s3_use_path_style: true,
      max_retries: 2,
      allowed_account_ids: [stack.target.accountId],
      assume_role: [{ role_arn: stack.target.deployRoleArn, session_name: `rampart-${stack.node.id}` }],
    });
    expect(stack.target.accountId).not.toBe(EMULATOR_ACCOUNT_ID);
    expect(provider.skip_requesting_account_id).toBeUndefined();
    expect(Object.keys(provider.default_tags[0].tags)).toHaveLength(5);
    expect(stack.context.accountId).toBe(stack.target.accountId);
  });

  test('the emulator target has no TLS-only state bucket policy, and says so as an opt-out', () => {
    const json = JSON.parse(Testing.synth(stacks.bootstrap));
    expect(json.resource.aws_s3_bucket_policy).toBeUndefined();
    const warnings = stacks.bootstrap.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === 'warning' || m.type === '@cdktf/warn').map((m) => String(m.data)));
    expect(warnings.join('\n')).toContain('[backend.state-bucket-tls-only]');
  });

  test('the org trail is created stopped on the emulator: cloudtrail-logging-enabled is waived by the named opt-out, not passed silently', () => {
    const app = buildApp(defaultConfig, { outdir: tempDir('local-trail'), deployment: { kind: 'local', endpoint } });
    app.app.synth();
    const report = JSON.parse(fs.readFileSync(path.join(app.app.outdir, 'stacks', 'org', 'policy-report.json'), 'utf8'));
    expect(report.waived.map((w: any) => `${w.ruleId} ${w.constructPath} ${w.optOut.id}`)).toEqual(['cloudtrail-logging-enabled org/audit-trail/trail logging.audit-trail.logging-disabled']);
    expect(report.passed).toBe(true);
  });

  test('the real target keeps the TLS-only bucket policy', () => {
    const real = buildApp(defaultConfig, { outdir: tempDir('aws-provider') }).stacks.bootstrap;
    expect(Object.keys(JSON.parse(Testing.synth(real)).resource.aws_s3_bucket_policy)).toHaveLength(1);
  });
});

describe('emulator gaps', () => {
  const endpoint = 'http://127.0.0.1:45999';
  const resourcesOf = (json: any, type: string): Array<Record<string, any>> => Object.values(json.resource?.[type] ?? {});

  test('security-group rules that reference a group or prefix list ignore description changes on the emulator only, with a warning', () => {
    const local = buildApp(defaultConfig, { outdir: tempDir('gaps-local'), deployment: { kind: 'local', endpoint } }).stacks.environments.dev;
    const json = JSON.parse(Testing.synth(local));
    const rules = [...resourcesOf(json, 'aws_vpc_security_group_ingress_rule'), ...resourcesOf(json, 'aws_vpc_security_group_egress_rule')];
    const referencing = rules.filter((r) => (r.referenced_security_group_id !== undefined || r.prefix_list_id !== undefined) && r.description !== undefined);
    expect(referencing.length).toBeGreaterThan(0);
    for (const r of referencing) expect(r.lifecycle.ignore_changes).toContain('description');
    for (const r of rules.filter((x) => x.referenced_security_group_id === undefined && x.prefix_list_id === undefined)) expect(r.lifecycle?.ignore_changes ?? []).not.toContain('description');
    const warnings = local.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data)));
    expect(warnings.filter((w) => w.startsWith('[emulator.sg-rule-description]'))).toHaveLength(referencing.length);

    const real = buildApp(defaultConfig, { outdir: tempDir('gaps-aws') }).stacks.environments.dev;
    const realJson = JSON.parse(Testing.synth(real));
    const realRules = [...resourcesOf(realJson, 'aws_vpc_security_group_ingress_rule'), ...resourcesOf(realJson, 'aws_vpc_security_group_egress_rule')];
    expect(realRules.filter((r) => r.lifecycle?.ignore_changes)).toEqual([]);
  });

  test('ECS services ignore the three settings the emulator does not store, on the emulator only', () => {
    const local = buildApp(defaultConfig, { outdir: tempDir('gaps-ecs-local'), deployment: { kind: 'local', endpoint } }).stacks.environments.dev;
    const services = resourcesOf(JSON.parse(Testing.synth(local)), 'aws_ecs_service');
    expect(services).toHaveLength(1);
    expect(services[0].lifecycle.ignore_changes).toEqual(['enable_ecs_managed_tags', 'health_check_grace_period_seconds', 'availability_zone_rebalancing']);
    const real = buildApp(defaultConfig, { outdir: tempDir('gaps-ecs-aws') }).stacks.environments.dev;
    expect(resourcesOf(JSON.parse(Testing.synth(real)), 'aws_ecs_service')[0].lifecycle).toBeUndefined();
  });
});
