#!/usr/bin/env node
import { App } from 'cdktf';
import { ThreeTierStack } from './three-tier-stack';

// Synthesises the example into ./cdktf.out. Replace the account, certificate
// and image with your own before deploying.
const app = new App();
new ThreeTierStack(app, 'shop', {
  names: { prefix: 'acme', environment: 'demo' },
  accountId: '123456789012',
  region: 'eu-central-1',
  certificateArn: 'arn:aws:acm:eu-central-1:123456789012:certificate/0e1f2a3b-4c5d-6e7f-8091-a2b3c4d5e6f7',
  image: `123456789012.dkr.ecr.eu-central-1.amazonaws.com/shop/web@sha256:${'0'.repeat(64)}`,
});
app.synth();
