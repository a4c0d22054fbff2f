/** One error type for the whole app; the HTTP adapter maps `code` to a status in one place. */
export type ErrorCode =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'invalid_transition'
  | 'over_allocation'
  | 'project_cancelled'
  | 'import_rejected'
  | 'unauthorized'
  | 'forbidden'
  | 'database_locked'
  | 'payload_too_large'
  | 'rate_limited';

export interface RowError {
  row: number;
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, field?: string) => new AppError('not_found', `${what} not found`, field ? { field } : undefined);

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
