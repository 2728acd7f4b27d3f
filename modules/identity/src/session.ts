import { ValidationIssue, isUnresolved, validateIntegerRange } from '@rampart/core';

/** The personas Rampart has role factories for. */
export type Persona = 'developer' | 'ci' | 'breakGlass';

/** Session length of one persona, in hours. */
export interface SessionPreset {
  /** Session length when none is given. */
  readonly defaultHours: number;
  /** Longest session the persona may be given. */
  readonly maxHours: number;
}

/** Shortest and longest STS session IAM allows on a role, in hours. */
export const SESSION_MIN_HOURS = 1;
export const SESSION_MAX_HOURS = 12;

/**
 * Credential lifetimes by persona: a working day for developers, a pipeline run for CI,
 * one hour of just-in-time access for break-glass.
 */
export const SESSION_PRESETS: Readonly<Record<Persona, SessionPreset>> = {
  developer: { defaultHours: 8, maxHours: 12 },
  ci: { defaultHours: 1, maxHours: 2 },
  breakGlass: { defaultHours: 1, maxHours: 1 },
};

/**
 * A session length in whole hours: 1 to 12 (what IAM allows), and no more than the persona's
 * maximum when a persona is given.
 */
export function validateSessionHours(path: string, value: unknown, persona?: Persona): ValidationIssue | undefined {
  if (isUnresolved(value)) return undefined;
  const range = validateIntegerRange(path, value, SESSION_MIN_HOURS, SESSION_MAX_HOURS);
  if (range) return { ...range, rule: `session length must be a whole number of hours from ${SESSION_MIN_HOURS} to ${SESSION_MAX_HOURS}` };
  if (persona && (value as number) > SESSION_PRESETS[persona].maxHours) {
    return { code: 'SESSION_TOO_LONG', path, value, rule: `${persona} sessions last at most ${SESSION_PRESETS[persona].maxHours} h` };
  }
  return undefined;
}

/** The session length to use: the given one, else the persona's default. */
export function resolveSessionHours(persona: Persona, hours: number | undefined): number {
  return hours ?? SESSION_PRESETS[persona].defaultHours;
}
