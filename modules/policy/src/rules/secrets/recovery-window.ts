import { asNumber, StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** Deleted secrets stay recoverable: 30 days in production, at least 7 elsewhere, never force-deleted. */
export const secretsRecoveryWindow: PolicyRule = {
  id: 'secretsmanager-recovery-window',
  title: 'Secrets keep a recovery window (30 days in production, at least 7 elsewhere)',
  area: 'secrets',
  severity: 'medium',
  suppressible: true,
  mappings: {},
  hint: 'leave recovery_window_in_days unset (30) or set 7-30; production uses 30',
  resourceTypes: ['aws_secretsmanager_secret'],
  check(secret: PolicyResource, ctx: StackContext) {
    const raw = secret.attributes.recovery_window_in_days;
    if (raw === undefined) return COMPLIANT; // AWS default: 30 days
    const days = asNumber(raw);
    if (days === undefined) return COMPLIANT;
    if (days === 0) return violation('recovery_window_in_days is 0: deletion is immediate and cannot be undone');
    const min = ctx.production ? 30 : 7;
    return days >= min ? COMPLIANT : violation(`recovery_window_in_days is ${days}; ${ctx.production ? 'production needs' : 'the minimum is'} ${min}`);
  },
};
