// The taggable-type list lives in @rampart/core (generated from the provider binding), beside the
// mandatory tag keys; the tags-mandatory rule judges the types it lists.
export { TAGGABLE_TYPES } from '@rampart/core';
