import { RampartValidationError, RampartValidationErrors, ValidationIssue } from '@rampart/core';

export { warningsOf } from '../helpers/assertions';

/** The validation issues a function throws (one or many); fails when it does not throw one. */
export function issuesOf(fn: () => unknown): ValidationIssue[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof RampartValidationError) return [e.issue];
    if (e instanceof RampartValidationErrors) return [...e.issues];
    throw e;
  }
  throw new Error('expected a validation error, but nothing was thrown');
}
