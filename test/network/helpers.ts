import { Testing } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { NameParts } from '@rampart/core';
import { StackJson, testStack } from '../helpers/synth';

export const NAMES: NameParts = { prefix: 'acme', environment: 'test' };

/** Builds constructs in a fresh test stack; returns the stack and its synthesised JSON. */
export function build<T>(make: (scope: Construct) => T): { result: T; json: StackJson; stack: IConstruct } {
  const { stack } = testStack();
  const result = make(stack);
  return { result, json: JSON.parse(Testing.synth(stack, true)), stack };
}

export { warningsOf as warnings, errorOf as thrown } from '../helpers/assertions';

/** `${aws_x.name.id}` reference to a resource by logical name. */
export const ref = (type: string, name: string, attr = 'id'): string => `\${${type}.${name}.${attr}}`;
