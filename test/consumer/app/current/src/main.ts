#!/usr/bin/env node
// A consumer stack built from the published packages as they are before @rampart/baseline:
// the stack-level guarantees are assembled by hand from the module READMEs. The baseline variant
// (../baseline) is the same stack on `RampartStack`, with nothing added.
import { App, Aspects, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { Construct } from 'constructs';
import { MandatoryTagsAspect, NameParts, renderMandatoryTags } from '@rampart/core';
import { DataClassBindingAspect, DataClassKeys, labelDataClass } from '@rampart/encryption';
import { applyIdentityBaseline } from '@rampart/identity';
import { AlertTopic, alarmPublishKeyStatement, eventRulePublishKeyStatement } from '@rampart/monitoring';
import { RampartPolicy } from '@rampart/policy';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';

class ConsumerStack extends TerraformStack {
  constructor(scope: Construct, id: string, wrongKey: boolean) {
    super(scope, id);
    const names: NameParts = { prefix: 'shop', environment: 'dev' };
    new AwsProvider(this, 'aws', {
      region: REGION,
      allowedAccountIds: [ACCOUNT],
      assumeRole: [{ roleArn: `arn:aws:iam::${ACCOUNT}:role/shop-deploy`, sessionName: 'shop-dev' }],
      defaultTags: [{ tags: renderMandatoryTags({ environment: 'dev', owner: 'shop-team', costCenter: 'shop', compliance: 'none', dataClassification: 'internal' }) }],
    });
    Aspects.of(this).add(new MandatoryTagsAspect());
    applyIdentityBaseline(this, { names, allowedRegions: [REGION], unboundedRoleArns: [`arn:aws:iam::${ACCOUNT}:role/shop-deploy`] });
    Aspects.of(this).add(new DataClassBindingAspect());

    const keys = new DataClassKeys(this, 'keys', {
      names,
      purposes: ['logs', 'pii'],
      adminRoleArn: `arn:aws:iam::${ACCOUNT}:role/shop-key-admin`,
      accountId: ACCOUNT,
      region: REGION,
    });
    // Before the baseline, the consumer wires the alert key's service statements by hand.
    keys.key('logs').addToKeyPolicy(alarmPublishKeyStatement(ACCOUNT));
    keys.key('logs').addToKeyPolicy(eventRulePublishKeyStatement(ACCOUNT));
    new AlertTopic(this, 'alerts', { names, key: keys.key('logs'), subscriptions: [{ protocol: 'email', endpoint: 'oncall@example.com' }] });

    new IamRole(this, 'worker', {
      name: 'shop-dev-worker',
      assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    });

    const orders = new SqsQueue(this, 'orders', { name: 'shop-dev-orders', kmsMasterKeyId: keys.key(wrongKey ? 'logs' : 'pii').keyArn });
    labelDataClass(orders, 'pii');
  }
}

const app = new App();
new ConsumerStack(app, 'consumer', process.env.CONSUMER_WRONG_KEY === '1');
RampartPolicy.apply(app);
app.synth();
