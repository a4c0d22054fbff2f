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
import type {
  Me as MeSchema,
  User as UserSchema,
  ApiToken as ApiTokenSchema,
  CreatedToken as CreatedTokenSchema,
} from '../../src/features/users/user.schema.ts';
import type { AuditRecord } from '../../src/features/audit/audit.schema.ts';
import type { Settings } from '../../src/features/settings/settings.schema.ts';

export type Project = z.infer<typeof ProjectSchema>;
export type ProjectList = z.infer<typeof ProjectListSchema>;
export type Me = z.infer<typeof MeSchema>;
export type User = z.infer<typeof UserSchema>;
export type ApiToken = z.infer<typeof ApiTokenSchema>;
export type CreatedToken = z.infer<typeof CreatedTokenSchema>;
export type { StatusChange, LedgerEntry, Dashboard, Ranking, Cluster, Province, RowError, ImportResult, AuditRecord, Settings };

/**
 * The CSRF token of the signed-in session, kept in memory only (never in storage): sent as
 * X-CSRF-Token on every write, which the server requires of requests made with the session cookie.
 */
let csrfToken: string | null = null;
/** Counts session changes, so that a 401 answering a request sent before a sign-in is not taken for the new session's. */
let generation = 0;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
  generation += 1;
}

/** Called when the API answers 401 (the session ended or never began): the shell shows the sign-in page. */
let onUnauthorized: (() => void) | null = null;
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

function writeHeaders(method: string): Record<string, string> {
  return method !== 'GET' && csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

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

/** A 401 outside /auth/ (whose answers the session code reads itself) means "sign in". */
function unauthorized(status: number, path: string, sentIn: number): void {
  if (status === 401 && sentIn === generation && !path.startsWith('/auth/')) onUnauthorized?.();
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const sentIn = generation;
  // A FormData body (a file upload) goes as multipart/form-data, with the boundary the browser sets.
  const form = body instanceof FormData;
  const res = await fetch(`/api/v1${path}`, {
    method,
    headers: { ...writeHeaders(method), ...(body === undefined || form ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : form ? body : JSON.stringify(body),
  });
  const data: unknown = res.status === 204 ? null : res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    unauthorized(res.status, path, sentIn);
    throw toError(res.status, data);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, params: Params = {}) => request<T>('GET', path + query(params)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  /** Sends one file in the multipart field "file". */
  upload: <T>(path: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<T>('POST', path, form);
  },
};

/**
 * Uploads a file to an import endpoint with XMLHttpRequest, reporting upload progress (0..1).
 * Resolves with the import result; rejects with ApiError (e.g. import_rejected with row errors).
 */
export type ImportKind = 'projects' | 'disbursements' | 'plans' | 'progress' | 'results';

export function uploadImport(kind: ImportKind, file: File, dryRun: boolean, onProgress: (fraction: number) => void): Promise<ImportResult> {
  const sentIn = generation;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/imports/${kind}${query({ dryRun: String(dryRun) })}`);
    xhr.responseType = 'json';
    for (const [k, v] of Object.entries(writeHeaders('POST'))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      onProgress(1);
      if (xhr.status >= 200 && xhr.status < 300) resolve(xhr.response as ImportResult);
      else {
        unauthorized(xhr.status, '/imports', sentIn);
        reject(toError(xhr.status, xhr.response));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The server could not be reached', null));
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}
