/**
 * The shipped reference data: 77 provinces (76 and Bangkok) and the 18 clusters of two schemes,
 * copied from the project's research (see csv/). Periods per the Royal Gazette announcements.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'csv');

export interface ProvinceRow {
  code: string;
  iso: string;
  name_th: string;
  name_en: string;
}

export interface ClusterRow {
  scheme: string;
  cluster_no: string;
  code: string;
  name_th: string;
  name_en: string;
  ops_center_province_code: string;
  province_codes: string;
}

export const SCHEMES = [
  {
    scheme: '2552',
    validFrom: '2009-02-17',
    validTo: '2017-11-17',
    description: 'Royal Gazette 18 Feb 2009; amendment no. 2 added Bueng Kan from 28 Mar 2011 (verified)',
  },
  {
    scheme: '2560',
    validFrom: '2017-11-17',
    validTo: null,
    description: 'Announcement of 17 Nov 2017: 6 regions, 18 clusters (partly inferred; unconfirmed clusters are marked)',
  },
] as const;

/** Bueng Kan (38) was created in 2011 and joined Upper Northeastern 1 from 28 Mar 2011. */
export const LATE_MEMBERSHIPS: Record<string, Record<string, string>> = { '2552': { '38': '2011-03-28' } };

/** Clusters of scheme 2560 confirmed by sources; the rest await an administrator's confirmation. */
export const CONFIRMED_2560 = new Set([
  'upper-north-1',
  'lower-north-1',
  'upper-northeast-1',
  'upper-northeast-2',
  'east-1',
  'lower-central-1',
  'lower-central-2',
  'south-gulf',
  'south-andaman',
]);

function readCsv<T>(file: string): T[] {
  return parse(fs.readFileSync(path.join(DATA_DIR, file)), { columns: true, skip_empty_lines: true, bom: true }) as T[];
}

export const provinces = (): ProvinceRow[] => readCsv<ProvinceRow>('provinces.csv');
export const clusters = (): ClusterRow[] => readCsv<ClusterRow>('clusters.csv');
