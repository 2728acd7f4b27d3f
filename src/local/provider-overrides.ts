import { S3BackendConfig } from 'cdktf';
import { AwsProviderConfig } from '@cdktf/provider-aws/lib/provider';
import { EMULATOR_CREDENTIALS, emulatorEndpoints } from '../../stacks/emulator-provider';

/**
 * What a target may change on a stack's AWS provider: endpoints, credentials and skip flags.
 * Never `assume_role`, `allowed_account_ids` or `default_tags`: those are always the stack's own.
 */
export type ProviderOverrides = Omit<Partial<AwsProviderConfig>, 'assumeRole' | 'assumeRoleWithWebIdentity' | 'allowedAccountIds' | 'forbiddenAccountIds' | 'defaultTags' | 'region' | 'alias'>;

/** The emulator's default account: the caller's starting point before `assume_role`. */
export const EMULATOR_DEFAULT_ACCOUNT_ID = '123456789012';

/**
 * Provider overrides for the local emulator target. The provider starts as the emulator's default
 * account (test credentials `test`/`test`, account 123456789012) and then takes the stack's own
 * `assume_role` chain into the configured deploy role: the emulator's STS answers with credentials
 * for the role's account, so every stack lands in its own configured account and
 * `allowed_account_ids` keeps guarding it. Every canonical endpoint points at the emulator (STS
 * included, which the assume-role call uses), no instance-metadata lookups, path-style S3, and at
 * most two retries so that an emulator error fails fast.
 */
export function emulatorProviderOverrides(endpoint: string): ProviderOverrides {
  return {
    ...EMULATOR_CREDENTIALS,
    skipCredentialsValidation: true,
    skipMetadataApiCheck: 'true',
    s3UsePathStyle: true,
    maxRetries: 2,
    endpoints: [emulatorEndpoints(endpoint)],
  };
}

/** The S3 backend's counterpart: endpoints for state (S3), locks (DynamoDB) and the state role (STS, IAM). */
export function emulatorBackendOverrides(endpoint: string): Omit<Partial<S3BackendConfig>, 'assumeRole' | 'allowedAccountIds' | 'forbiddenAccountIds' | 'bucket' | 'key' | 'region'> {
  return {
    ...EMULATOR_CREDENTIALS,
    endpoints: { s3: endpoint, dynamodb: endpoint, sts: endpoint, iam: endpoint },
    usePathStyle: true,
    skipCredentialsValidation: true,
    skipMetadataApiCheck: true,
    maxRetries: 2,
  };
}
