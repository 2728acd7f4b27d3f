import { spawnSync } from 'child_process';
import * as path from 'path';

/**
 * The local runner's commands (`npm run local -- down`) must keep stderr for real errors: the AWS
 * SDK's notice about future Node.js versions is switched off by its documented variable as soon as
 * src/local/aws.ts is loaded, unless the caller set that variable.
 */
describe('AWS SDK notices in the local runner', () => {
  const ROOT = path.resolve(__dirname, '../..');
  const aws = path.join(ROOT, 'dist/src/local/aws.js');
  const clientS3 = require.resolve('@aws-sdk/client-s3', { paths: [ROOT] });
  const run = (script: string) => {
    const env = { ...process.env };
    delete env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    return spawnSync(process.execPath, ['-e', script], { cwd: ROOT, env, encoding: 'utf8', timeout: 60000 });
  };
  const makeClient = `const { S3Client } = require(${JSON.stringify(clientS3)}); new S3Client({ region: 'eu-central-1' }).destroy();`;

  test('without the runner the SDK prints its Node.js version notice on this Node.js (below 22), with it nothing', () => {
    const below22 = Number(process.versions.node.split('.')[0]) < 22;
    const plain = run(makeClient);
    expect(plain.status).toBe(0);
    if (below22) expect(plain.stderr).toContain('NodeVersionSupportWarning');
    else expect(plain.stderr).not.toContain('NodeVersionSupportWarning');
    const runner = run(`require(${JSON.stringify(aws)}); ${makeClient}`);
    expect({ status: runner.status, stderr: runner.stderr }).toEqual({ status: 0, stderr: '' });
  });

  test('a caller who sets the variable keeps their choice', () => {
    const r = run(`process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'false'; require(${JSON.stringify(aws)}); console.log(process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED)`);
    expect(r.stdout.trim()).toBe('false');
  });
});
