/**
 * The HTTP API as the web UI sees it. Response types are inferred from the server's zod schemas;
 * errors arrive as {error: {code, message, details}} and become ApiError.
 */
import type { z } from 'zod';
import type { Project as ProjectSchema, ProjectList as ProjectListSchema, StatusChange } from '../../src/features/projects/project.schema.ts';
import type { LedgerEntry } from '../../src/features/budget/ledger.schema.ts';
import type { Dashboard, Ranking } from '../../src/features/reports/report.schema.ts';
import type { Cluster, Province } from '../../src/features/reference/reference.schema.ts';
import type { RowError } from '../../src/core/errors.ts';
import type { ImportResult } from '../../src/features/imports/importer.ts';

export type Project = z.infer<typeof ProjectSchema>;
export type ProjectList = z.infer<typeof ProjectListSchema>;
export type { StatusChange, LedgerEntry, Dashboard, Ranking, Cluster, Province, RowError, ImportResult };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }

  /** The field the server blamed (details.field), if any. */
  get field(): string | null {
    const d = this.details as { field?: unknown } | null | undefined;
    return typeof d?.field === 'string' ? d.field : null;
  }

  /** Per-field messages of a validation error (details.issues). */
  get issues(): { field: string; message: string }[] {
    const d = this.details as { issues?: { field: string; message: string }[] } | null | undefined;
    return Array.isArray(d?.issues) ? d.issues : [];
  }

  /** Row errors of a rejected import (details.errors). */
  get rowErrors(): RowError[] {
    const d = this.details as { errors?: RowError[] } | null | undefined;
    return Array.isArray(d?.errors) ? d.errors : [];
  }
}

type Params = Record<string, string | number | undefined | null>;

export function query(params: Params): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
  const text = s.toString();
  return text ? `?${text}` : '';
}

function toError(status: number, body: unknown): ApiError {
  const e = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  return new ApiError(status, e?.code ?? 'http_error', e?.message ?? `HTTP ${status}`, e?.details);
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data: unknown = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
  if (!res.ok) throw toError(res.status, data);
  return data as T;
}

export const api = {
  get: <T>(path: string, params: Params = {}) => request<T>('GET', path + query(params)),
  post: <T>(path: string, body: unknown) => request<T>('POST', path, body),
};

/**
 * Uploads a file to an import endpoint with XMLHttpRequest, reporting upload progress (0..1).
 * Resolves with the import result; rejects with ApiError (e.g. import_rejected with row errors).
 */
export function uploadImport(
  kind: 'projects' | 'disbursements',
  file: File,
  dryRun: boolean,
  onProgress: (fraction: number) => void,
): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/imports/${kind}${query({ dryRun: String(dryRun) })}`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      onProgress(1);
      if (xhr.status >= 200 && xhr.status < 300) resolve(xhr.response as ImportResult);
      else reject(toError(xhr.status, xhr.response));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The server could not be reached', null));
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}
