import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { EncryptedDatabase, HardenedCluster, HardenedService, HardenedTaskDefinition, HttpsLoadBalancer, SnapshotBackupRole } from '@rampart/workloads';
import { RegionalWebAcl } from '@rampart/edge';
import { validateStack } from '../../src/terraform/run';
import { tempDir } from '../helpers/synth';
import { TestNetwork, testKey } from './fixtures';

// Every workload construct in one stack, synthesised to disk and checked by terraform validate.
test('terraform validate passes on a stack with every workload construct', async () => {
  const outdir = tempDir('workloads-validate');
  const app = new App({ outdir, stackTraces: false });
  const stack = new TerraformStack(app, 'workloads');
  new AwsProvider(stack, 'aws', {
    region: 'eu-central-1',
    defaultTags: [{ tags: { Environment: 'test', Owner: 'team', CostCenter: 'cc', Compliance: 'none', DataClassification: 'internal' } }],
  });
  const network = new TestNetwork(stack, 'network');
  const logs = testKey(stack, 'logs');
  const secrets = testKey(stack, 'secrets');
  const pii = testKey(stack, 'pii');
  const code = tempDir('snapshot-code');
  fs.writeFileSync(path.join(code, 'index.py'), 'def handler(event, context):\n    return None\n');

  const cluster = new HardenedCluster(stack, 'cluster', { name: 'shop' });
  const task = new HardenedTaskDefinition(stack, 'task', {
    family: 'shop-web',
    dataClass: 'pii',
    logsKey: logs,
    containers: [
      {
        name: 'web',
        image: `123456789012.dkr.ecr.eu-central-1.amazonaws.com/shop/web@sha256:${'c'.repeat(64)}`,
        containerPort: 8080,
        writablePaths: ['/tmp'],
        secrets: [{ name: 'API_KEY', valueFrom: 'arn:aws:ssm:eu-central-1:123456789012:parameter/shop/api-key' }],
        healthCheck: { command: ['CMD', '/healthz'] },
      },
    ],
  });
  const alb = new HttpsLoadBalancer(stack, 'alb', {
    name: 'shop-web',
    network,
    securityGroups: network,
    certificateArn: 'arn:aws:acm:eu-central-1:123456789012:certificate/0e1f2a3b-4c5d-6e7f-8091-a2b3c4d5e6f7',
    targetPort: 8080,
    production: true,
    accessLogBucketName: 'acme-test-alb-logs',
    webAcl: new RegionalWebAcl(stack, 'waf', { name: 'shop-web', logsKey: logs, accountId: '123456789012', region: 'eu-central-1' }),
  });
  new HardenedService(stack, 'service', { name: 'shop-web', cluster: cluster.clusterArn, taskDefinition: task, network, securityGroups: network, loadBalancer: alb.serviceTarget });
  const db = new EncryptedDatabase(stack, 'db', { identifier: 'shop-db', dataClass: 'pii', dataKey: pii, secretsKey: secrets, logsKey: logs, network, securityGroups: network, production: true });
  db.grantConnect(task.taskRole, 'app_user');
  new SnapshotBackupRole(stack, 'backup', { name: 'shop-db-snapshot', database: db, logsKey: logs, code: { path: code } });
  app.synth();
  // The connect policy's moved block (from the address earlier releases gave it) is part of what terraform validates.
  const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'workloads', 'cdk.tf.json'), 'utf8'));
  expect(json.moved).toEqual([
    { from: expect.stringMatching(/^aws_iam_role_policy\.db_connect-app_user-6_[0-9A-F]{8}$/), to: expect.stringMatching(/^aws_iam_role_policy\.db_connect-app_user_[0-9A-F]{8}$/) },
  ]);
  await validateStack(path.join(outdir, 'stacks', 'workloads'), 'workloads');
}, 180000);
