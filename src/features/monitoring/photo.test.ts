/** Photos: magic bytes, the size limit, thumbnails, and the EXIF GPS position and time of a real JPEG (test/fixtures/visit-gps.jpg). */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { AppError } from '../../core/errors.ts';
import { MAX_PHOTO_BYTES, photoTypeOf, processPhoto, readPhotoExif } from './photo.ts';

/** A 96×64 JPEG written by sharp with EXIF: Chiang Mai provincial hall, 18°50'25.2"N 98°58'14.4"E, 2016:01:15 10:30:00 +07:00. */
const FIXTURE = fs.readFileSync(new URL('../../../test/fixtures/visit-gps.jpg', import.meta.url));

const refused = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('not refused');
};

describe('photos', () => {
  it('the type comes from the first bytes, never the name', () => {
    expect(photoTypeOf(FIXTURE)).toBe('image/jpeg');
    expect(photoTypeOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(photoTypeOf(Buffer.from('GIF89a'))).toBeNull();
    expect(photoTypeOf(Buffer.from([0xff, 0xd8]))).toBeNull();
  });

  it('reads the GPS position and the time the camera wrote', async () => {
    expect(FIXTURE.length).toBe(705);
    expect(await readPhotoExif(FIXTURE)).toEqual({
      latitude: 18.8403333,
      longitude: 98.9706667,
      takenAt: '2016-01-15T10:30:00',
      takenOffset: '+07:00',
    });
  });

  it('a photo without EXIF has none; southern and western positions are negative', async () => {
    const plain = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } })
      .png()
      .toBuffer();
    expect(await readPhotoExif(plain)).toEqual({ latitude: null, longitude: null, takenAt: null, takenOffset: null });
    const south = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } })
      .withExif({ IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '33/1 52/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '70/1 30/1 0/1' } })
      .jpeg()
      .toBuffer();
    expect(await readPhotoExif(south)).toEqual({ latitude: -33.8666667, longitude: -70.5, takenAt: null, takenOffset: null });
  });

  it('makes a JPEG thumbnail at most 320 px a side, upright, keeping the proportions', async () => {
    const big = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#336699' } })
      .jpeg()
      .toBuffer();
    const p = await processPhoto('big.jpg', big);
    expect([p.mediaType, p.width, p.height, p.thumbnailWidth, p.thumbnailHeight]).toEqual(['image/jpeg', 1200, 800, 320, 213]);
    expect(photoTypeOf(p.thumbnail)).toBe('image/jpeg');
    expect((await sharp(p.thumbnail).metadata()).width).toBe(320);
    // Orientation 6 (turned a quarter): seen as 800×1200.
    const turned = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#336699' } })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const t = await processPhoto('turned.jpg', turned);
    expect([t.width, t.height, t.thumbnailWidth, t.thumbnailHeight]).toEqual([800, 1200, 213, 320]);
    const small = await processPhoto('fixture.jpg', FIXTURE);
    expect([small.width, small.height, small.thumbnailWidth, small.thumbnailHeight, small.byteSize]).toEqual([96, 64, 96, 64, 705]);
    expect(small.exif.latitude).toBe(18.8403333);
  });

  it('refuses what is not a JPEG or PNG, a damaged image, an empty file and one over 10 MiB', async () => {
    expect(await refused(processPhoto('photo.jpg', Buffer.from('GIF89a...')))).toEqual({
      code: 'validation',
      message: 'photo.jpg: not a JPEG or PNG image (its first bytes say so, whatever its name)',
    });
    expect(await refused(processPhoto('cut.jpg', FIXTURE.subarray(0, 40)))).toEqual({
      code: 'validation',
      message: 'cut.jpg: the JPEG image is damaged or too large to read',
    });
    expect(await refused(processPhoto('empty.png', Buffer.alloc(0)))).toEqual({ code: 'validation', message: 'empty.png: the file is empty' });
    const huge = Buffer.concat([FIXTURE, Buffer.alloc(MAX_PHOTO_BYTES)]);
    expect(await refused(processPhoto('huge.jpg', huge))).toEqual({
      code: 'payload_too_large',
      message: `huge.jpg: ${MAX_PHOTO_BYTES + 705} bytes is more than the ${MAX_PHOTO_BYTES} bytes (10 MiB) a photo may have`,
    });
  });
});
