/** Limits on a config file, so that a hostile or broken file gives a clear error, never a crash. */
export const CONFIG_LIMITS = {
  /** Largest config file read, in bytes. */
  maxBytes: 1024 * 1024,
  /** Deepest nesting of objects and arrays (the schema itself needs about 8; policy documents a few more). */
  maxDepth: 32,
  /** Longest string value or key. */
  maxStringLength: 10_000,
  /** Most problems listed in one error; the rest are counted. */
  maxProblems: 50,
  /** Characters of a received value shown in a message. */
  maxValueChars: 80,
} as const;
