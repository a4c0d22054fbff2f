import { AppError } from '../../core/errors.ts';
import { MIN_PASSWORD_LENGTH } from './user.schema.ts';

/** Refuses short passwords, the username itself, and passwords on the list of the most common ones. */
export function assertPasswordAcceptable(password: string, username: string): void {
  const fail = (message: string) => new AppError('validation', message, { field: 'password' });
  if (password.length < MIN_PASSWORD_LENGTH) throw fail(`password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  const lower = password.toLowerCase();
  if (lower.includes(username.toLowerCase())) throw fail('password must not contain the username');
}
