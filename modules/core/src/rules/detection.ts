import { EMAIL_RE } from './patterns';
import { ValidationIssue } from '../errors';
import { isUnresolved } from '../validators';

/** The person or team AWS contacts about security issues of an account (its SECURITY alternate contact). */
export interface SecurityContact {
  /** Name of the contact, 1-64 characters. */
  readonly name: string;
  /** Title or role, 1-50 characters. */
  readonly title: string;
  /** Email address. */
  readonly emailAddress: string;
  /** Phone number: digits, spaces, `+`, `-`, `(`, `)`; 1-25 characters. */
  readonly phoneNumber: string;
}

const PHONE_RE = /^[+0-9()\s-]{1,25}$/;

const TEXT_RE = /^[\p{L}\p{N} .,'&()/_-]+$/u;

/** Checks a security contact: plain text name and title, an email address and a phone number. Token-safe. */
export function validateSecurityContact(path: string, contact: SecurityContact | undefined): ValidationIssue[] {
  if (contact === undefined) return [];
  const issues: ValidationIssue[] = [];
  const text = (field: 'name' | 'title', max: number): void => {
    const v = contact[field];
    if (isUnresolved(v)) return;
    if (typeof v !== 'string' || v.length < 1 || v.length > max || !TEXT_RE.test(v)) {
      issues.push({ code: 'NAME_FORMAT', path: `${path}.${field}`, value: v, rule: `must be 1-${max} letters, digits, spaces and .,'&()/_-` });
    }
  };
  text('name', 64);
  text('title', 50);
  if (!isUnresolved(contact.emailAddress) && (typeof contact.emailAddress !== 'string' || !EMAIL_RE.test(contact.emailAddress) || contact.emailAddress.length > 254)) {
    issues.push({ code: 'EMAIL_FORMAT', path: `${path}.emailAddress`, value: contact.emailAddress, rule: 'must be an email address' });
  }
  if (!isUnresolved(contact.phoneNumber) && (typeof contact.phoneNumber !== 'string' || !PHONE_RE.test(contact.phoneNumber) || !/\d/.test(contact.phoneNumber))) {
    issues.push({ code: 'PHONE_FORMAT', path: `${path}.phoneNumber`, value: contact.phoneNumber, rule: 'must be 1-25 digits, spaces and +-()' });
  }
  return issues;
}
