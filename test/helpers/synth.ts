import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { KeyPurpose } from '@rampart/core';
import { DataClassKeys } from '@rampart/encryption';
import { buildApp } from '../../src/app';
import { config as defaultConfig } from '../../config/rampart.config';
import { RampartConfig } from '../../config/types';

/** Terraform JSON of one stack as written to cdk.tf.json. */
export interface StackJson {
  resource?: Record<string, Record<string, Record<string, any>>>;
  data?: Record<string, Record<string, Record<string, any>>>;
  output?: Record<string, any>;
  provider?: Record<string, any[]>;
  terraform?: Record<string, any>;
}

/** A fresh temporary directory, removed by the caller or left in os.tmpdir(). */
export function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `rampart-${name}-`));
}

/** Synthesises the whole app from a config into a temp dir; returns the dir and each stack's JSON. */
export function synthApp(config: RampartConfig = defaultConfig): { outdir: string; stacks: Record<string, StackJson> } {
  const outdir = tempDir('app');
  const { app } = buildApp(config, { outdir });
  app.synth();
  const stacks: Record<string, StackJson> = {};
  for (const name of fs.readdirSync(path.join(outdir, 'stacks'))) {
    stacks[name] = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
  }
  return { outdir, stacks };
}

/** A stack with an AWS provider carrying all mandatory tags, for testing one construct. */
export function testStack(id = 'test'): { app: App; stack: TerraformStack } {
  const app = Testing.app();
  const stack = new TerraformStack(app, id);
  new AwsProvider(stack, 'aws', {
    region: 'eu-central-1',
    defaultTags: [{ tags: { Environment: 'test', Owner: 'team', CostCenter: 'cc', Compliance: 'none', DataClassification: 'internal' } }],
  });
  return { app, stack };
}

/** Resources of one type in a stack's JSON, by logical name. */
export function resourcesOfType(stack: StackJson, type: string): Record<string, Record<string, any>> {
  return stack.resource?.[type] ?? {};
}

/** Synthesises one scope (a stack built by `build`) and parses it. */
export function synthStack(build: (stack: Construct) => void): StackJson {
  const { stack } = testStack();
  build(stack);
  return JSON.parse(Testing.synth(stack as TerraformStack));
}

/** The account, region and partition of the test keys. */
export const TEST_CONTEXT = { accountId: '333333333333', region: 'eu-central-1', partition: 'aws' };

/** A test stack with a key set (`acme-dev`) administered by a key-admin role of TEST_CONTEXT's account. */
export function stackWithKeys(purposes?: readonly KeyPurpose[]): { stack: TerraformStack; keys: DataClassKeys } {
  const { stack } = testStack();
  const keys = new DataClassKeys(stack, 'keys', {
    names: { prefix: 'acme', environment: 'dev' },
    adminRoleArn: `arn:aws:iam::${TEST_CONTEXT.accountId}:role/key-admin`,
    ...TEST_CONTEXT,
    ...(purposes ? { purposes } : {}),
  });
  return { stack, keys };
}
