/**
 * Checks of an uploaded file before it is parsed: text in another encoding than UTF-8 (UTF-16 and
 * UTF-32, with or without a byte-order mark), and an XLSX workbook that would unpack to more than
 * the importer reads (a zip bomb, or simply too big), measured by really inflating each part with
 * a cap, so that a zip whose directory lies about its sizes is caught too.
 */
import zlib from 'node:zlib';
import { AppError } from '../../core/errors.ts';

/** The most an XLSX workbook may unpack to, all its parts together. */
export const MAX_XLSX_UNPACKED_BYTES = 100 * 1024 * 1024;
/** The most parts (files in the zip) a workbook may have. */
export const MAX_XLSX_PARTS = 10_000;

/** The encoding the first bytes of a text show, when it is one that is not UTF-8: 'UTF-16' or 'UTF-32'. */
export function otherUnicodeEncoding(head: Uint8Array): 'UTF-16' | 'UTF-32' | null {
  const b = (i: number) => head[i] ?? -1;
  if ((b(0) === 0xff && b(1) === 0xfe && b(2) === 0 && b(3) === 0) || (b(0) === 0 && b(1) === 0 && b(2) === 0xfe && b(3) === 0xff)) return 'UTF-32';
  if ((b(0) === 0xff && b(1) === 0xfe) || (b(0) === 0xfe && b(1) === 0xff)) return 'UTF-16';
  // Without a byte-order mark: Latin text in UTF-16 has a zero in every other byte (UTF-32: three in four).
  const n = Math.min(head.length, 512) & ~3;
  if (n < 8) return null;
  let zeros = 0;
  const zeroAt = [0, 0, 0, 0];
  for (let i = 0; i < n; i++)
    if (head[i] === 0) {
      zeros++;
      zeroAt[i % 4]!++;
    }
  const quarter = n / 4;
  if (zeros >= 0.7 * n && zeroAt.filter((z) => z >= 0.9 * quarter).length === 3) return 'UTF-32';
  const even = zeroAt[0]! + zeroAt[2]!;
  const odd = zeroAt[1]! + zeroAt[3]!;
  if ((odd >= 0.8 * (n / 2) && even <= 0.05 * (n / 2)) || (even >= 0.8 * (n / 2) && odd <= 0.05 * (n / 2))) return 'UTF-16';
  return null;
}

/** Refuses UTF-16 and UTF-32 text (Excel's "Unicode Text"), naming the encoding. */
export function assertNotOtherUnicode(head: Uint8Array): void {
  const enc = otherUnicodeEncoding(head);
  if (enc)
    throw new AppError('import_rejected', `The file is ${enc} text: save the CSV as "CSV UTF-8" (or upload the XLSX)`, {
      errors: [{ row: 1, field: 'file', message: `${enc}, not UTF-8` }],
    });
}

const unreadableXlsx = (why: string) =>
  new AppError('import_rejected', `The XLSX file cannot be read: ${why}`, {
    errors: [{ row: 1, field: 'file', message: 'not a readable XLSX workbook' }],
  });

const tooBig = () =>
  new AppError(
    'import_rejected',
    `The XLSX file unpacks to more than ${MAX_XLSX_UNPACKED_BYTES / 1024 / 1024} MB: split it into smaller files, or save it as CSV`,
    { errors: [{ row: 1, field: 'file', message: `unpacks to more than ${MAX_XLSX_UNPACKED_BYTES / 1024 / 1024} MB` }] },
  );

/**
 * Reads the zip's central directory and inflates every part with a cap: refuses a workbook that
 * unpacks to more than MAX_XLSX_UNPACKED_BYTES (or has more than MAX_XLSX_PARTS parts), and a zip
 * that cannot be walked.
 */
export function assertXlsxUnpackedSize(data: Buffer): void {
  // The end-of-central-directory record: 22 bytes, then a comment of up to 65,535.
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65_535); i--) {
    if (data.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadableXlsx('not a zip archive (no central directory)');
  const entries = data.readUInt16LE(eocd + 10);
  const cdOffset = data.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff) throw tooBig(); // ZIP64: far beyond what is read here
  if (entries > MAX_XLSX_PARTS) throw unreadableXlsx(`${entries} parts in the zip (at most ${MAX_XLSX_PARTS})`);
  let budget = MAX_XLSX_UNPACKED_BYTES;
  let p = cdOffset;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > data.length || data.readUInt32LE(p) !== 0x02014b50) throw unreadableXlsx('a damaged zip directory');
    const method = data.readUInt16LE(p + 10);
    const compressed = data.readUInt32LE(p + 20);
    const declared = data.readUInt32LE(p + 24);
    const nameLength = data.readUInt16LE(p + 28);
    const extraLength = data.readUInt16LE(p + 30);
    const commentLength = data.readUInt16LE(p + 32);
    const local = data.readUInt32LE(p + 42);
    p += 46 + nameLength + extraLength + commentLength;
    if (compressed === 0xffffffff || declared === 0xffffffff || local === 0xffffffff) throw tooBig();
    if (declared > budget) throw tooBig();
    if (local + 30 > data.length || data.readUInt32LE(local) !== 0x04034b50) throw unreadableXlsx('a damaged zip entry');
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    if (start + compressed > data.length) throw unreadableXlsx('a truncated zip entry');
    let size: number;
    if (method === 0) size = compressed;
    else if (method === 8) {
      try {
        // Inflated for real, up to what remains of the budget: a directory that lies does not fool it.
        size = zlib.inflateRawSync(data.subarray(start, start + compressed), { maxOutputLength: Math.max(1, budget) }).length;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) throw tooBig();
        throw unreadableXlsx('a damaged compressed part');
      }
    } else throw unreadableXlsx(`a part compressed with method ${method}, which XLSX does not use`);
    budget -= size;
    if (budget < 0) throw tooBig();
  }
}
