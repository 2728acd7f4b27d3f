#!/usr/bin/env node
// A consumer stack on the exported baseline: every guarantee comes from `RampartStack`; the
// stack adds nothing but its own resources. CONSUMER_BREAK makes it do one thing the baseline
// must refuse at synth:
//   wrong-key  a pii-labelled queue encrypted with the logs key
//   iam-user   an IAM user
//   untagged   a queue on a second provider that has no default_tags
import { App } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { Construct } from 'constructs';
import { RampartStack, RampartStackProps } from '@rampart/baseline';
import { DataClassKeys, labelDataClass } from '@rampart/encryption';
import { AlertTopic, VpcDeletionAlarm } from '@rampart/monitoring';

type Break = 'wrong-key' | 'iam-user' | 'untagged' | undefined;

class ConsumerStack extends RampartStack {
  constructor(scope: Construct, id: string, props: RampartStackProps, breakWith: Break) {
    super(scope, id, props);
    const keys = new DataClassKeys(this, 'keys', {
      names: this.names,
      purposes: ['logs', 'pii'],
      adminRoleArn: `arn:aws:iam::${this.context.accountId}:role/shop-key-admin`,
    });

    // The consumer's own key encrypts the alert topic; the topic and the EventBridge rule that
    // publishes to it wire the key-policy statements they need.
    const alerts = new AlertTopic(this, 'alerts', { names: this.names, key: keys.key('logs'), subscriptions: [{ protocol: 'email', endpoint: 'oncall@example.com' }] });
    new VpcDeletionAlarm(this, 'vpc-deletion', { names: this.names, alarmTarget: alerts });

    new IamRole(this, 'worker', {
      name: 'shop-dev-worker',
      assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    });

    const orders = new SqsQueue(this, 'orders', { name: 'shop-dev-orders', kmsMasterKeyId: keys.key(breakWith === 'wrong-key' ? 'logs' : 'pii').keyArn });
    labelDataClass(orders, 'pii');

    if (breakWith === 'iam-user') new IamUser(this, 'ci-user', { name: 'shop-dev-ci' });
    if (breakWith === 'untagged') {
      const east = new AwsProvider(this, 'us-east-1', { region: 'us-east-1', alias: 'us_east_1' });
      new SqsQueue(this, 'edge-events', { provider: east, name: 'shop-dev-edge-events', kmsMasterKeyId: 'alias/aws/sqs' });
    }
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
  process.env.CONSUMER_BREAK as Break,
);
app.synth();
