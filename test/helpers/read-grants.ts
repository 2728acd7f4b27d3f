/**
 * Expected statements of a secret or parameter read grant (see `grantRead` in @rampart/secrets):
 * `kms:Decrypt` on the key only through the service, in the test region eu-central-1.
 */
export function decryptVia(sid: string, keyRef: string, service: 'secretsmanager' | 'ssm'): Record<string, unknown> {
  return { Sid: sid, Effect: 'Allow', Action: 'kms:Decrypt', Resource: keyRef, Condition: { StringEquals: { 'kms:ViaService': `${service}.eu-central-1.amazonaws.com` } } };
}

/** The `ssm:GetParameter(s)` statement of a parameter read grant. */
export function readParameter(parameterRef: string): Record<string, unknown> {
  return { Sid: 'ReadParameter', Effect: 'Allow', Action: ['ssm:GetParameter', 'ssm:GetParameters'], Resource: parameterRef };
}
