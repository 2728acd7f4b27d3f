import { IConstruct } from 'constructs';

/**
 * Makes synth fail with a message attached to a construct. Every Rampart check that runs at
 * synth (aspects, bindings, policy) reports through here, so all problems of a stack are
 * listed together: cdktf runs node validations for the whole stack and throws once, naming
 * each construct path. `Testing.synth(stack, true)`, `Testing.fullSynth` and `app.synth()` all fail.
 */
export function failSynth(scope: IConstruct, message: string): void {
  scope.node.addValidation({ validate: () => [message] });
}
