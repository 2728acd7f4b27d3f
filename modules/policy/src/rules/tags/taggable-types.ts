// The taggable-type list lives in @rampart/core, so the aspect that applies tags and the rule that
// judges them read the same list.
export { TAGGABLE_TYPES } from '@rampart/core';
