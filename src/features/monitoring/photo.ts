/**
 * Photos of a monitoring visit: the type is read from the file's first bytes (never from its
 * name), the size is limited, the image must decode, a JPEG thumbnail is made (sharp, turned
 * upright by its EXIF orientation), and the GPS position and time the camera wrote are read (exifr).
 */
import { createHash } from 'node:crypto';
import type { OutputInfo } from 'sharp';
import { AppError } from '../../core/errors.ts';

/** The largest photo accepted: 10 MiB. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** The longest side of a thumbnail, in pixels. */
export const THUMBNAIL_SIDE = 320;
/** The most pixels an uploaded image may have (a decompression bomb is refused before it is decoded). */
const MAX_PIXELS = 60_000_000;

export type PhotoType = 'image/jpeg' | 'image/png';

/** The type by magic bytes: JPEG starts FF D8 FF, PNG 89 50 4E 47 0D 0A 1A 0A; anything else is null. */
export function photoTypeOf(data: Uint8Array): PhotoType | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (data.length >= 8 && png.every((b, i) => data[i] === b)) return 'image/png';
  return null;
}

export interface PhotoExif {
  latitude: number | null;
  longitude: number | null;
  /** The camera's local time as written: 'YYYY-MM-DDTHH:MM:SS' (EXIF DateTimeOriginal, else DateTime). */
  takenAt: string | null;
  /** Its offset from UTC when the camera wrote one (OffsetTimeOriginal), e.g. '+07:00'. */
  takenOffset: string | null;
}

const EXIF_TIME = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;
const OFFSET = /^[+-]\d{2}:\d{2}$/;

/** The GPS position and time an image carries; nulls when it carries none (or its EXIF is unreadable). */
export async function readPhotoExif(data: Uint8Array): Promise<PhotoExif> {
  let tags: Record<string, unknown> | undefined;
  try {
    // loaded on first use: a heavy library (0.5–1.5 s to load) that most processes never call
    const { default: exifr } = await import('exifr');
    tags = (await exifr.parse(Buffer.from(data), { tiff: true, exif: true, gps: true, reviveValues: false, translateValues: false })) as
      Record<string, unknown> | undefined;
  } catch {
    tags = undefined;
  }
  const none: PhotoExif = { latitude: null, longitude: null, takenAt: null, takenOffset: null };
  if (!tags) return none;
  const lat = gpsDegrees(tags.GPSLatitude, tags.GPSLatitudeRef, 'S');
  const lon = gpsDegrees(tags.GPSLongitude, tags.GPSLongitudeRef, 'W');
  const valid = lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
  const raw = typeof tags.DateTimeOriginal === 'string' ? tags.DateTimeOriginal : typeof tags.DateTime === 'string' ? tags.DateTime : null;
  const m = raw ? EXIF_TIME.exec(raw) : null;
  const offset = typeof tags.OffsetTimeOriginal === 'string' && OFFSET.test(tags.OffsetTimeOriginal.trim()) ? tags.OffsetTimeOriginal.trim() : null;
  return {
    latitude: valid ? round7(lat) : null,
    longitude: valid ? round7(lon) : null,
    takenAt: m && m[1] !== '0000' ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}` : null,
    takenOffset: m ? offset : null,
  };
}

/** Degrees, minutes, seconds (EXIF rationals as numbers) to signed decimal degrees. */
function gpsDegrees(dms: unknown, ref: unknown, negative: 'S' | 'W'): number | null {
  if (!Array.isArray(dms) || dms.length !== 3 || !dms.every((x) => typeof x === 'number' && Number.isFinite(x))) return null;
  const [d, m, s] = dms as [number, number, number];
  const v = d + m / 60 + s / 3600;
  return typeof ref === 'string' && ref.trim().toUpperCase() === negative ? -v : v;
}

/** Seven decimals: about a centimetre, more than any phone's GPS. */
const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

export interface ProcessedPhoto {
  mediaType: PhotoType;
  byteSize: number;
  sha256: string;
  width: number;
  height: number;
  thumbnail: Buffer;
  thumbnailWidth: number;
  thumbnailHeight: number;
  exif: PhotoExif;
}

/** Checks an uploaded photo and makes its thumbnail; an AppError names what is wrong. */
export async function processPhoto(fileName: string, data: Buffer): Promise<ProcessedPhoto> {
  if (data.length === 0) throw new AppError('validation', `${fileName}: the file is empty`, { field: 'file' });
  if (data.length > MAX_PHOTO_BYTES)
    throw new AppError('payload_too_large', `${fileName}: ${data.length} bytes is more than the ${MAX_PHOTO_BYTES} bytes (10 MiB) a photo may have`, {
      field: 'file',
    });
  const mediaType = photoTypeOf(data);
  if (!mediaType)
    throw new AppError('validation', `${fileName}: not a JPEG or PNG image (its first bytes say so, whatever its name)`, { field: 'file' });
  let width: number;
  let height: number;
  let thumb: { data: Buffer; info: OutputInfo };
  // loaded on first use: a heavy library (0.5–1.5 s to load) that most processes never call
  const { default: sharp } = await import('sharp');
  try {
    const meta = await sharp(data, { limitInputPixels: MAX_PIXELS }).metadata();
    if (!meta.width || !meta.height) throw new Error('no dimensions');
    // Width and height as the photo is seen (EXIF orientations 5-8 turn it a quarter).
    const turned = (meta.orientation ?? 1) >= 5;
    width = turned ? meta.height : meta.width;
    height = turned ? meta.width : meta.height;
    thumb = await sharp(data, { limitInputPixels: MAX_PIXELS })
      .rotate()
      .resize(THUMBNAIL_SIDE, THUMBNAIL_SIDE, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
  } catch {
    throw new AppError('validation', `${fileName}: the ${mediaType === 'image/jpeg' ? 'JPEG' : 'PNG'} image is damaged or too large to read`, {
      field: 'file',
    });
  }
  return {
    mediaType,
    byteSize: data.length,
    sha256: createHash('sha256').update(data).digest('hex'),
    width,
    height,
    thumbnail: thumb.data,
    thumbnailWidth: thumb.info.width,
    thumbnailHeight: thumb.info.height,
    exif: await readPhotoExif(data),
  };
}
