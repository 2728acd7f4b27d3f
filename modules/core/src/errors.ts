/**
 * Stable machine-readable codes for every validation failure Rampart raises.
 * Codes never change meaning; new ones are only added.
 */
export type ValidationCode =
  | 'REQUIRED'
  | 'TYPE'
  | 'CIDR_FORMAT'
  | 'CIDR_MASK'
  | 'CIDR_HOST_BITS'
  | 'CIDR_OVERLAP'
  | 'NAME_FORMAT'
  | 'NAME_LENGTH'
  | 'PATH_TRAVERSAL'
  | 'UNSAFE_CHARACTERS'
  | 'S3_NAME'
  | 'REGION_UNKNOWN'
  | 'REGION_NOT_ALLOWED'
  | 'ACCOUNT_ID'
  | 'ARN_FORMAT'
  | 'DUPLICATE'
  | 'OUT_OF_RANGE'
  | 'ENUM'
  | 'UNKNOWN_FIELD'
  | 'MISSING_TAG'
  | 'INSECURE'
  | (string & {});

/** One problem with one input field. */
export interface ValidationIssue {
  /** Stable code, e.g. `CIDR_MASK`. */
  readonly code: ValidationCode;
  /** Dotted path of the field, e.g. `environments.prod.vpcCidr`. */
  readonly path: string;
  /** The value received (rendered with JSON.stringify in messages). */
  readonly value: unknown;
  /** The rule the value broke, in plain words. */
  readonly rule: string;
}

/** Renders a value for a one-line error message. */
export function renderValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 120 ? `${text.slice(0, 117)}...` : text;
  } catch {
    return String(value);
  }
}

/** `path: rule (received <value>) [CODE]` */
export function formatIssue(issue: ValidationIssue): string {
  return `${issue.path}: ${issue.rule} (received ${renderValue(issue.value)}) [${issue.code}]`;
}

/**
 * A typed validation error: one bad field, raised before anything is written.
 */
export class RampartValidationError extends Error {
  public readonly code: ValidationCode;
  public readonly path: string;
  public readonly value: unknown;
  public readonly rule: string;

  constructor(issue: ValidationIssue) {
    super(formatIssue(issue));
    this.name = 'RampartValidationError';
    this.code = issue.code;
    this.path = issue.path;
    this.value = issue.value;
    this.rule = issue.rule;
  }

  /** The issue this error carries. */
  public get issue(): ValidationIssue {
    return { code: this.code, path: this.path, value: this.value, rule: this.rule };
  }
}

/**
 * Several validation problems reported together (for example every bad field of a config file).
 */
export class RampartValidationErrors extends Error {
  public readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], heading = 'Invalid input') {
    super(`${heading} (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${issues.map((i) => `  - ${formatIssue(i)}`).join('\n')}`);
    this.name = 'RampartValidationErrors';
    this.issues = issues;
  }
}

/** Throws a single typed error when an issue is present. */
export function assertValid(issue: ValidationIssue | undefined): void {
  if (issue) throw new RampartValidationError(issue);
}

/** Throws one error carrying every issue, when there are any. */
export function assertAllValid(issues: readonly (ValidationIssue | undefined)[], heading?: string): void {
  const real = issues.filter((i): i is ValidationIssue => i !== undefined);
  if (real.length === 1) throw new RampartValidationError(real[0]);
  if (real.length > 1) throw new RampartValidationErrors(real, heading);
}
