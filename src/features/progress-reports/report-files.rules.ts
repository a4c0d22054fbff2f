/**
 * The pure rules of files attached to progress reports: which contents are accepted (by their
 * first bytes, never by the name or the declared type), how large and how many, the stored name,
 * and how a file is served back.
 */

/** The largest file accepted: 10 MiB. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** The most files (not removed) one report may hold. */
export const MAX_FILES_PER_REPORT = 20;

export const FILE_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type FileMediaType = (typeof FILE_MEDIA_TYPES)[number];

/** The types a browser shows in the page (served inline); any other is served as a download. */
export const INLINE_MEDIA_TYPES: readonly FileMediaType[] = ['image/jpeg', 'image/png', 'image/webp'];

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The media type of a content by its magic bytes, or null when it is none of the accepted ones. */
export function sniffMediaType(b: Uint8Array): FileMediaType | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(b, ascii('%PDF-'))) return 'application/pdf';
  return null;
}

export const refusedTypeMessage = (name: string) =>
  `The file ${name} is not a JPEG, PNG or WebP photo or a PDF document (checked by its content, not its name or declared type)`;

export const tooLargeMessage = (name: string) =>
  `The file ${name} is larger than 10 MB (${MAX_FILE_BYTES.toLocaleString('en-US')} bytes): send a smaller photo or file`;

export const emptyFileMessage = (name: string) => `The file ${name} is empty`;

/**
 * The name kept for a file: the last segment of the name the client sent, without control
 * characters, at most 255 characters; "file" when nothing is left.
 */
export function storedFileName(sent: string | undefined | null): string {
  const base = (sent ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const chars = [...clean];
  const name = chars.length > 255 ? chars.slice(0, 255).join('') : clean;
  return name || 'file';
}

/** A Content-Disposition header for a stored name: an ASCII fallback and the exact UTF-8 name (RFC 6266, 5987). */
export function contentDisposition(name: string, inline: boolean): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
