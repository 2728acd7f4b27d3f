import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { DeleteObjectCommand, ListObjectVersionsCommand, S3Client } from '@aws-sdk/client-s3';
import { EMULATOR_CREDENTIALS } from './emulator-provider';

/**
 * The SDK warns once per process, on stderr, that its versions published after January 2027 will
 * need Node.js 22 (the warning aws/aws-sdk-js-v3#7983 describes); Rampart supports Node.js 20 and
 * pins the SDK, so for the local runner that warning is noise on stderr. The SDK's documented
 * switch turns it off, unless the caller set the variable.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** Credentials as the AWS SDK for JavaScript v3 takes them. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** The emulator's default account's credentials: the starting point of every role chain. */
export const EMULATOR_DEFAULT_CREDENTIALS: Credentials = { accessKeyId: EMULATOR_CREDENTIALS.accessKey, secretAccessKey: EMULATOR_CREDENTIALS.secretKey };

/** Settings for any SDK v3 client that talks to the emulator with the given credentials. */
export function emulatorClientConfig(endpoint: string, region: string, credentials: Credentials = EMULATOR_DEFAULT_CREDENTIALS) {
  return { endpoint, region, credentials, maxAttempts: 2 } as const;
}

/**
 * Credentials of a role in its own account, as a stack's provider gets them: from the emulator's
 * default account, `sts:AssumeRole` into the role ARN. The emulator answers with credentials for
 * the role's account (the role itself need not exist there).
 */
export async function assumeRole(endpoint: string, region: string, roleArn: string, sessionName = 'rampart-local'): Promise<Credentials> {
  const sts = new STSClient(emulatorClientConfig(endpoint, region));
  try {
    const r = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName }));
    const c = r.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`the emulator returned no credentials for ${roleArn}`);
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
  } finally {
    sts.destroy();
  }
}

/** An S3 client on the emulator (path-style addressing) with the given credentials. */
export function emulatorS3(endpoint: string, region: string, credentials?: Credentials): S3Client {
  return new S3Client({ ...emulatorClientConfig(endpoint, region, credentials), forcePathStyle: true });
}

/**
 * Deletes every object version and delete marker in a bucket (Object Lock governance retention
 * bypassed); returns how many were deleted.
 */
export async function emptyBucket(s3: S3Client, bucket: string): Promise<number> {
  let deleted = 0;
  for (let round = 0; round < 100; round++) {
    const listing = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket }));
    const entries = [...(listing.Versions ?? []), ...(listing.DeleteMarkers ?? [])].map((v) => ({ key: v.Key!, versionId: v.VersionId }));
    if (entries.length === 0) return deleted;
    for (const { key, versionId } of entries) {
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId, BypassGovernanceRetention: true }));
      deleted++;
    }
  }
  return deleted;
}
