import { ValidationIssue } from '../errors';
import { isUnresolved } from '../validators';

/** The target keyword that stands for the organisation's root. */
export const ROOT_TARGET = 'root';

/**
 * Where an SCP can be attached: the organisation root (`r-...`), an OU (`ou-...-...`) or a 12-digit
 * account id. With `allowRootKeyword`, the literal `root` (resolved to the root's id) too.
 */
export function validateScpTargetId(path: string, value: unknown, allowRootKeyword = false): ValidationIssue | undefined {
  if (isUnresolved(value)) return undefined;
  if (allowRootKeyword && value === ROOT_TARGET) return undefined;
  if (typeof value !== 'string' || !/^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|\d{12})$/.test(value)) {
    return {
      code: 'SCP_TARGET',
      path,
      value,
      rule: `must be an organisation root id (r-...), an OU id (ou-...-...) or a 12-digit account id${allowRootKeyword ? ', or "root"' : ''}`,
    };
  }
  return undefined;
}

/**
 * The ARN pattern of the break-glass role(s) the SCPs do not apply to, e.g.
 * `arn:aws:iam::*:role/acme-*-break-glass`. The role name (the part after the last `/`) must hold
 * at least three literal characters, so that the exemption cannot cover every role.
 */
export function validateBreakGlassRolePattern(path: string, value: unknown): ValidationIssue | undefined {
  if (isUnresolved(value)) return undefined;
  const m = typeof value === 'string' ? /^arn:(aws|aws-cn|aws-us-gov|\*):iam::(\d{12}|\*):role\/([\w+=,.@\-/*?]{1,512})$/.exec(value) : null;
  if (!m) {
    return { code: 'BREAK_GLASS_PATTERN', path, value, rule: 'must be an IAM role ARN pattern arn:aws:iam::<account or *>:role/<name, wildcards allowed>' };
  }
  const name = m[3].split('/').pop() ?? '';
  if (name.replace(/[*?]/g, '').length < 3) {
    return { code: 'BREAK_GLASS_PATTERN', path, value, rule: 'the role name must hold at least 3 literal characters; a bare wildcard would exempt every role' };
  }
  return undefined;
}
