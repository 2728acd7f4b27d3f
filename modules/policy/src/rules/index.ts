import { PolicyRule } from '../types';
import * as registry from './all';

export * from './all';

/** Every rule Rampart ships, sorted by area then id. Packs pick from here. */
export const ALL_RULES: readonly PolicyRule[] = Object.values(registry as Record<string, PolicyRule>).sort((a, b) =>
  a.area < b.area ? -1 : a.area > b.area ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
);
