import { Deployment } from '../config/types';

/**
 * The deployment target chosen by the environment, for the app entry (and so for `cdktf synth`,
 * `cdktf deploy`, `cdktf diff`): `RAMPART_TARGET=local` with `RAMPART_EMULATOR_ENDPOINT=<url>`
 * builds every stack for the local emulator; unset or `aws` builds for AWS.
 */
export function deploymentFromEnv(env: NodeJS.ProcessEnv = process.env): Deployment {
  const target = env.RAMPART_TARGET ?? 'aws';
  if (target === 'aws') return { kind: 'aws' };
  if (target !== 'local') throw new Error(`RAMPART_TARGET must be "aws" or "local", not "${target}"`);
  const endpoint = env.RAMPART_EMULATOR_ENDPOINT;
  if (!endpoint || !/^http:\/\/(127\.0\.0\.1|localhost):\d+$/.test(endpoint)) {
    throw new Error('RAMPART_TARGET=local needs RAMPART_EMULATOR_ENDPOINT=http://127.0.0.1:<port> (the emulator on loopback)');
  }
  return { kind: 'local', endpoint };
}
