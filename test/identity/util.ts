import { IConstruct } from 'constructs';
import { RampartValidationError, RampartValidationErrors, ValidationIssue } from '@rampart/core';

/** Every warning recorded at or below a scope. */
export function warningsOf(scope: IConstruct): string[] {
  return scope.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data)));
}

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
