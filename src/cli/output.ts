import { isAppError, type RowError } from '../core/errors.ts';

/** Prints an error for a person: the message, and for a rejected import every bad row. */
export function describeError(e: unknown): string {
  if (isAppError(e)) {
    const lines = [`padme: ${e.message}`];
    const errors = (e.details as { errors?: RowError[] } | undefined)?.errors;
    if (errors) for (const r of errors) lines.push(`  row ${r.row}, ${r.field}: ${r.message}`);
    return lines.join('\n');
  }
  if (e instanceof Error && 'issues' in e) {
    const issues = (e as unknown as { issues: { path: PropertyKey[]; message: string }[] }).issues;
    return issues.map((i) => `padme: --${String(i.path.join('.')).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`).join('\n');
  }
  return `padme: ${e instanceof Error ? e.message : String(e)}`;
}
