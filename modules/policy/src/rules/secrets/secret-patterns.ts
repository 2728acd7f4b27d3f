/** Names that suggest a secret (PASSWORD, SECRET, TOKEN, API_KEY, PRIVATE_KEY, credentials...). */
export const SECRET_NAME = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API[_-]?KEY|PRIVATE[_-]?KEY|ACCESS[_-]?KEY|CREDENTIAL|AUTH[_-]?KEY)/i;

/** Values shaped like an AWS access key id or a PEM private key. */
export function looksLikeSecretValue(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (/\b(AKIA|ASIA)[A-Z0-9]{16}\b/.test(value)) return 'an AWS access key id';
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value)) return 'a private key';
  return undefined;
}
