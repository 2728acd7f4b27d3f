#!/usr/bin/env node
import { App } from 'cdktf';
import { formatNetworkCost } from '@rampart/network';
import { NetworkExampleStack } from './stack';

const app = new App();
const stack = new NetworkExampleStack(app, 'network-basic');
app.synth();
process.stdout.write(`${formatNetworkCost('network-basic', stack.costEstimate)}\n`);
