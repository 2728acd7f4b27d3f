import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { config as sample } from '../../config/rampart.config';
import { checkConfig } from '../../config/validate';
import { synthApp, tempDir } from '../helpers/synth';

/**
 * GIVEN an endpoint policy from config holding the IAM policy variable ${aws:PrincipalTag/team}
 * WHEN the app is synthesised and Terraform evaluates the policy string it wrote
 * THEN the provider receives the variable literally (escaped as $${ in cdk.tf.json, not evaluated).
 */
describe('policy variables in config policy documents reach the provider unchanged', () => {
  test('synth escapes ${ to $${ and Terraform evaluates it back to the literal policy variable', () => {
    const raw = JSON.parse(JSON.stringify(sample));
    const dev = raw.environments[0];
    dev.network.endpointPolicies = {
      s3: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::team-${aws:PrincipalTag/team}/*' }],
      },
    };
    const checked = checkConfig(raw);
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    const { stacks } = synthApp(checked.config);
    const endpoints = (stacks.dev.resource as Record<string, Record<string, { service_name?: string; policy?: string }>>).aws_vpc_endpoint;
    const s3 = Object.values(endpoints).find((e) => typeof e.service_name === 'string' && e.service_name.endsWith('.s3'));
    expect(s3?.policy).toContain('team-$${aws:PrincipalTag/team}/*');

    // Terraform itself evaluates the written string: the result is the literal policy variable.
    const dir = tempDir('policy-literal');
    fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ locals: { p: s3!.policy } }));
    const env = { ...process.env, CHECKPOINT_DISABLE: '1' };
    expect(spawnSync('terraform', ['init', '-input=false'], { cwd: dir, env, encoding: 'utf8' }).status).toBe(0);
    const r = spawnSync('terraform', ['console'], { cwd: dir, env, input: 'jsondecode(local.p).Statement[0].Resource\n', encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('"arn:aws:s3:::team-${aws:PrincipalTag/team}/*"');
  });
});
