import * as fs from 'fs';
import * as path from 'path';
import { buildApp } from '../../src/app';
import { config as defaultConfig } from '../../config/rampart.config';
import { RampartConfig } from '../../config/types';
import { stateKeyFor, workspaceNameFor } from '../../stacks/state-backend';
import { validateStack } from '../../src/terraform/run';
import { StackJson, tempDir } from '../helpers/synth';

const STACKS = ['bootstrap', 'org', 'log-archive', 'security', 'dev', 'staging', 'prod'];

function synth(config: RampartConfig, deployment?: { kind: 'local'; endpoint: string }): { outdir: string; stacks: Record<string, StackJson> } {
  const outdir = tempDir('backend');
  const { app } = buildApp(config, { outdir, deployment, bootstrapStatePath: path.join(outdir, 'bootstrap.tfstate') });
  app.synth();
  const stacks: Record<string, StackJson> = {};
  for (const name of fs.readdirSync(path.join(outdir, 'stacks'))) stacks[name] = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
  return { outdir, stacks };
}
const s3Of = (stack: StackJson): Record<string, any> => stack.terraform!.backend.s3;

describe('state backend wiring (S3, the default)', () => {
  const { stacks } = synth(defaultConfig);

  test('bootstrap starts on local state', () => {
    expect(Object.keys(stacks.bootstrap.terraform!.backend)).toEqual(['local']);
  });

  test.each(['org', 'dev', 'staging', 'prod'])('%s: own key, encryption with the state key, both locks, region, state role, state account', (name) => {
    expect(s3Of(stacks[name])).toEqual({
      bucket: 'acme-tfstate-222222222222',
      key: `acme/${name}.tfstate`,
      region: 'eu-central-1',
      encrypt: true,
      kms_key_id: 'arn:aws:kms:eu-central-1:222222222222:alias/acme-bootstrap-tfstate',
      dynamodb_table: 'acme-tfstate-lock',
      use_lockfile: true,
      allowed_account_ids: ['222222222222'],
      assume_role: { role_arn: 'arn:aws:iam::222222222222:role/rampart-bootstrap-deploy', session_name: `rampart-state-${name}` },
    });
  });

  test('no two stacks share a state key, also with bootstrap on remote state and many environments', () => {
    const many = JSON.parse(JSON.stringify(defaultConfig));
    many.bootstrap.remoteState = true;
    for (let i = 3; i < 12; i++) {
      many.environments.push({ ...many.environments[0], name: `env${i}`, vpcCidr: `10.${i}.0.0/16` });
    }
    const all = synth(many).stacks;
    const keys = Object.values(all).map((s) => `${s3Of(s).bucket}/${s3Of(s).key}`);
    expect(keys).toHaveLength(16);
    expect(new Set(keys).size).toBe(keys.length);
    expect(s3Of(all.bootstrap).key).toBe('acme/bootstrap.tfstate');
    // keys cannot collide by construction either: stack names are unique and cannot contain "/".
    expect(stateKeyFor('acme', 'dev')).not.toBe(stateKeyFor('acme', 'dev2'));
  });

  test('a dedicated state role replaces the bootstrap deploy role in every backend', () => {
    const c = JSON.parse(JSON.stringify(defaultConfig));
    c.bootstrap.stateRoleArn = 'arn:aws:iam::222222222222:role/rampart-state';
    const { stacks: s } = synth(c);
    expect(s3Of(s.prod).assume_role.role_arn).toBe('arn:aws:iam::222222222222:role/rampart-state');
  });
});

describe('state backend wiring (HCP Terraform)', () => {
  const cloudConfig: RampartConfig = { ...defaultConfig, state: { backend: 'cloud', cloud: { organization: 'acme-corp', project: 'platform' } } };
  const { outdir, stacks } = synth(cloudConfig);

  test.each(STACKS)('%s: a cloud block with the organisation and its own workspace, no S3 backend', (name) => {
    expect(stacks[name].terraform!.backend).toBeUndefined();
    expect(stacks[name].terraform!.cloud).toEqual({
      organization: 'acme-corp',
      hostname: 'app.terraform.io',
      workspaces: { name: `acme-${name}`, project: 'platform' },
    });
  });

  test('one workspace per stack', () => {
    const names = Object.values(stacks).map((s) => s.terraform!.cloud.workspaces.name);
    expect(new Set(names).size).toBe(STACKS.length);
    expect(workspaceNameFor('acme', 'prod')).toBe('acme-prod');
  });

  test('a custom host name is used', () => {
    const c: RampartConfig = { ...defaultConfig, state: { backend: 'cloud', cloud: { organization: 'acme', hostname: 'tfe.example.com' } } };
    expect(synth(c).stacks.dev.terraform!.cloud.hostname).toBe('tfe.example.com');
  });

  test('terraform validate accepts a stack with the cloud block', async () => {
    await validateStack(path.join(outdir, 'stacks', 'org'), 'org');
  }, 120000);
});

describe('state backend wiring (local emulator)', () => {
  const endpoint = 'http://127.0.0.1:45999';
  const { stacks } = synth({ ...defaultConfig, state: { backend: 'cloud', cloud: { organization: 'acme' } } }, { kind: 'local', endpoint });

  test('every stack but bootstrap uses the S3 backend in the emulator, even when the config selects HCP Terraform', () => {
    expect(stacks.bootstrap.terraform!.backend.local.path).toMatch(/bootstrap\.tfstate$/);
    for (const name of ['org', 'dev', 'staging', 'prod']) {
      expect(stacks[name].terraform!.cloud).toBeUndefined();
      const s3 = s3Of(stacks[name]);
      expect(s3).toMatchObject({
        key: `acme/${name}.tfstate`,
        encrypt: true,
        dynamodb_table: 'acme-tfstate-lock',
        use_lockfile: true,
        kms_key_id: 'arn:aws:kms:eu-central-1:222222222222:alias/acme-bootstrap-tfstate',
        endpoints: { s3: endpoint, dynamodb: endpoint, sts: endpoint, iam: endpoint },
        use_path_style: true,
        skip_credentials_validation: true,
        skip_metadata_api_check: true,
        access_key: 'test',
        secret_key: 'test',
        // the state role chain runs on the emulator too: the state account, reached through the state role
        allowed_account_ids: ['222222222222'],
        assume_role: { role_arn: defaultConfig.bootstrap.stateRoleArn ?? defaultConfig.bootstrap.deployRoleArn, session_name: `rampart-state-${name}` },
      });
      expect(s3.skip_requesting_account_id).toBeUndefined();
    }
  });
});
