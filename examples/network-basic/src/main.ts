#!/usr/bin/env node
import { App } from 'cdktf';
import { formatNetworkCost } from '@rampart/network';
import { RampartPolicy } from '@rampart/policy';
import { NetworkExampleStack } from './stack';

const app = new App();
const stack = new NetworkExampleStack(app, 'network-basic');
// The rampart-baseline pack checks the stack at synth and writes policy-report.json beside it.
RampartPolicy.apply(app);
app.synth();
process.stdout.write(`${formatNetworkCost('network-basic', stack.costEstimate)}\n`);
