import { Testing, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/** Every warning message recorded at or below a scope. */
export function warningsOf(scope: IConstruct): string[] {
  return scope.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data)));
}

/** Calls `fn` and returns the error it throws (fails when it does not throw). */
export function errorOf(fn: () => unknown): any {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

/** The message of the error synthesising a stack throws (the policy pack's findings), or '' when it synthesises. */
export function synthError(stack: TerraformStack): string {
  try {
    Testing.synth(stack, true);
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}
