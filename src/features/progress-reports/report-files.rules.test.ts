import { describe, expect, it } from 'vitest';
import { contentDisposition, MAX_FILE_BYTES, sniffMediaType, storedFileName, tooLargeMessage } from './report-files.rules.ts';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('sniffMediaType', () => {
  it('knows JPEG, PNG, WebP and PDF by their first bytes', () => {
    expect(sniffMediaType(bytes([0xff, 0xd8, 0xff, 0xdb]))).toBe('image/jpeg');
    expect(sniffMediaType(bytes([0x89], 'PNG\r\n\x1a\n', [0, 0]))).toBe('image/png');
    expect(sniffMediaType(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffMediaType(bytes('%PDF-1.7\n'))).toBe('application/pdf');
  });

  it('refuses anything else, and look-alikes cut short', () => {
    expect(sniffMediaType(bytes('GIF89a'))).toBeNull();
    expect(sniffMediaType(bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '))).toBeNull();
    expect(sniffMediaType(bytes([0, 0, 0, 0x18], 'ftypheic'))).toBeNull();
    expect(sniffMediaType(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffMediaType(bytes([0xff, 0xd8]))).toBeNull();
    expect(sniffMediaType(bytes('%PDF'))).toBeNull();
    expect(sniffMediaType(new Uint8Array())).toBeNull();
  });
});

describe('storedFileName', () => {
  it('keeps the last segment without control characters, at most 255 characters', () => {
    expect(storedFileName('C:\\fakepath\\ภาพ 1.jpg')).toBe('ภาพ 1.jpg');
    expect(storedFileName('../../etc/passwd')).toBe('passwd');
    expect(storedFileName('a\u0000b\nc\u007f.png')).toBe('abc.png');
    expect(storedFileName(`${'ก'.repeat(300)}.png`)).toBe('ก'.repeat(255));
    expect(storedFileName('  ')).toBe('file');
    expect(storedFileName(undefined)).toBe('file');
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('ภาพ "1".jpg', true)).toBe(
      `inline; filename="___ _1_.jpg"; filename*=UTF-8''%E0%B8%A0%E0%B8%B2%E0%B8%9E%20%221%22.jpg`,
    );
    expect(contentDisposition("report (final)'s.pdf", false)).toBe(
      `attachment; filename="report (final)'s.pdf"; filename*=UTF-8''report%20%28final%29%27s.pdf`,
    );
  });
});

it('says the limit in bytes', () => {
  expect(MAX_FILE_BYTES).toBe(10485760);
  expect(tooLargeMessage('x.jpg')).toBe('The file x.jpg is larger than 10 MB (10,485,760 bytes): send a smaller photo or file');
});
