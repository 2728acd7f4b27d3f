#!/usr/bin/env node
// A consumer stack on the exported baseline: every guarantee comes from `RampartStack`; the
// stack adds nothing but its own resources.
import { App } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { Construct } from 'constructs';
import { RampartStack, RampartStackProps } from '@rampart/baseline';
import { DataClassKeys, labelDataClass } from '@rampart/encryption';
import { AlertTopic } from '@rampart/monitoring';

class ConsumerStack extends RampartStack {
  constructor(scope: Construct, id: string, props: RampartStackProps, wrongKey: boolean) {
    super(scope, id, props);
    const keys = new DataClassKeys(this, 'keys', {
      names: this.names,
      purposes: ['logs', 'pii'],
      adminRoleArn: `arn:aws:iam::${props.target.accountId}:role/shop-key-admin`,
      accountId: this.context.accountId,
      region: this.context.region,
    });
    new AlertTopic(this, 'alerts', { names: this.names, key: keys.key('logs'), subscriptions: [{ protocol: 'email', endpoint: 'oncall@example.com' }] });

    new IamRole(this, 'worker', {
      name: 'shop-dev-worker',
      assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    });

    const orders = new SqsQueue(this, 'orders', { name: 'shop-dev-orders', kmsMasterKeyId: keys.key(wrongKey ? 'logs' : 'pii').keyArn });
    labelDataClass(orders, 'pii');
  }
}

const app = new App();
new ConsumerStack(
  app,
  'consumer',
  {
    prefix: 'shop',
    target: { accountId: '111122223333', region: 'eu-west-1', deployRoleArn: 'arn:aws:iam::111122223333:role/shop-deploy' },
    tags: { environment: 'dev', owner: 'shop-team', costCenter: 'shop', compliance: 'none', dataClassification: 'internal' },
  },
  process.env.CONSUMER_WRONG_KEY === '1',
);
app.synth();
