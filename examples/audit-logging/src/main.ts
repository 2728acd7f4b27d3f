#!/usr/bin/env node
import { App } from 'cdktf';
import { RampartPolicy } from '@rampart/policy';
import { AuditLoggingExampleStack } from './stack';

const app = new App();
new AuditLoggingExampleStack(app, 'audit-logging');
// The rampart-baseline pack checks the stack at synth and writes policy-report.json beside it.
RampartPolicy.apply(app);
app.synth();
