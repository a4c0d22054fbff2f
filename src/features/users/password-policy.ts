import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError } from '../../core/errors.ts';
import { MIN_PASSWORD_LENGTH } from './user.schema.ts';

/** The ~49,000 most common passwords of public breach corpora (zxcvbn's list), loaded once. */
let common: Set<string> | null = null;
const commonPasswords = () => (common ??= new Set(dictionary['passwords-common']));

/** Refuses short passwords, ones containing the username, and the most common passwords. */
export function assertPasswordAcceptable(password: string, username: string): void {
  const fail = (message: string) => new AppError('validation', message, { field: 'password' });
  if (password.length < MIN_PASSWORD_LENGTH) throw fail(`password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  const lower = password.toLowerCase();
  if (lower.includes(username.toLowerCase())) throw fail('password must not contain the username');
  if (commonPasswords().has(lower)) throw fail('this password is on the list of the most common passwords: choose another');
}
