import { asNumber, StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** Minimum deletion window in production stacks (AWS's maximum and default). */
export const PRODUCTION_KEY_DELETION_WINDOW_DAYS = 30;
/** Minimum deletion window elsewhere (AWS's minimum). */
export const KEY_DELETION_WINDOW_MIN_DAYS = 7;

/** A scheduled key deletion leaves time to notice and cancel it: 30 days in production, at least 7 elsewhere. */
export const kmsDeletionWindow: PolicyRule = {
  id: 'kms-deletion-window',
  title: 'KMS keys keep a deletion window of 30 days in production and at least 7 days elsewhere',
  area: 'kms',
  severity: 'medium',
  suppressible: true,
  mappings: {},
  hint: 'leave deletion_window_in_days unset (30) or set it to 30; non-production stacks may go down to 7',
  resourceTypes: ['aws_kms_key'],
  check(key: PolicyResource, ctx: StackContext) {
    const raw = key.attributes.deletion_window_in_days;
    if (raw === undefined) return COMPLIANT; // AWS default is 30 days
    const days = asNumber(raw);
    if (days === undefined) return COMPLIANT; // decided at plan time; the encryption module validates its own input
    const min = ctx.production ? PRODUCTION_KEY_DELETION_WINDOW_DAYS : KEY_DELETION_WINDOW_MIN_DAYS;
    return days >= min ? COMPLIANT : violation(`deletion_window_in_days is ${days}; ${ctx.production ? 'production stacks need' : 'the minimum is'} ${min}`);
  },
};
