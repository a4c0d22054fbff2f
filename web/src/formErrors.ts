/** Field errors of a form, from the shared zod schemas (client side) or from the API's error body. */
import type { z } from 'zod';
import { ApiError } from './api.ts';

export type FieldErrors = Record<string, string>;

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    out[field] ??= issue.message;
  }
  return out;
}

/** The API's message next to the field it names (details.field or details.issues), else for the whole form. */
export function apiFieldErrors(e: unknown, fields: readonly string[]): FieldErrors {
  if (!(e instanceof ApiError)) return { form: String(e) };
  const out: FieldErrors = {};
  for (const i of e.issues) {
    const field = i.field.replace(/^body\./, '');
    out[fields.includes(field) ? field : 'form'] ??= i.message;
  }
  if (e.issues.length === 0) out[e.field && fields.includes(e.field) ? e.field : 'form'] = e.message;
  return out;
}
