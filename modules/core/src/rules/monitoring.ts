import { EMAIL_RE } from './patterns';
import { ValidationIssue } from '../errors';
import { isUnresolved } from '../validators';

/** Protocols an alert subscription may use. Plain `http` is refused. */
export type AlertProtocol = 'email' | 'https';

export const ALERT_PROTOCOLS: readonly AlertProtocol[] = ['email', 'https'];

const HTTPS_RE = /^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[^\s]*)?$/;

/** One alert subscription: protocol email or https, and a matching endpoint. Token-safe. */
export function validateAlertSubscription(path: string, value: unknown): ValidationIssue[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ code: 'TYPE', path, value, rule: 'must be an object { protocol, endpoint }' }];
  }
  const { protocol, endpoint } = value as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  if (!isUnresolved(protocol) && !ALERT_PROTOCOLS.includes(protocol as AlertProtocol)) {
    issues.push({ code: 'ENUM', path: `${path}.protocol`, value: protocol, rule: 'must be "email" or "https"' });
  }
  if (isUnresolved(endpoint)) return issues;
  if (protocol === 'email' && (typeof endpoint !== 'string' || !EMAIL_RE.test(endpoint))) {
    issues.push({ code: 'EMAIL_FORMAT', path: `${path}.endpoint`, value: endpoint, rule: 'must be an email address such as security@example.com' });
  }
  if (protocol === 'https' && (typeof endpoint !== 'string' || !HTTPS_RE.test(endpoint))) {
    issues.push({ code: 'URL_FORMAT', path: `${path}.endpoint`, value: endpoint, rule: 'must be an https:// URL' });
  }
  return issues;
}
