#!/usr/bin/env node
import { App } from 'cdktf';
import { AuditLoggingExampleStack } from './stack';

const app = new App();
new AuditLoggingExampleStack(app, 'audit-logging');
app.synth();
