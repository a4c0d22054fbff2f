import type { Queryable } from '../../db/db.ts';
import { AppError } from '../../core/errors.ts';
import { fiscalYearEnd, minDate, type IsoDate } from '../../core/dates.ts';
import type { Cluster, Province } from './reference.schema.ts';

export type Owner =
  | { kind: 'cluster'; code: string; clusterId: number; scheme: string; nameTh: string; nameEn: string }
  | { kind: 'province'; code: string; nameTh: string; nameEn: string };

/** The scheme in force on a date. */
export async function schemeOn(q: Queryable, date: IsoDate): Promise<string> {
  const rows = await q.query<{ scheme: string }>(
    `SELECT scheme FROM cluster_schemes WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1) ORDER BY valid_from DESC LIMIT 1`,
    [date],
  );
  if (!rows[0]) throw new AppError('validation', `No cluster scheme is in force on ${date}`);
  return rows[0].scheme;
}

/**
 * A fiscal year's clusters are those of the scheme in force on its last day: a scheme is
 * announced ahead of the fiscal year it shapes.
 */
export const schemeForFiscalYear = (q: Queryable, fiscalYear: number) => schemeOn(q, fiscalYearEnd(fiscalYear));

/** The date whose cluster composition a figure for a fiscal year as of asOf uses. */
export const compositionDate = (fiscalYear: number, asOf: IsoDate) => minDate(asOf, fiscalYearEnd(fiscalYear));

export async function resolveOwner(q: Queryable, ownerCode: string, fiscalYear: number): Promise<Owner> {
  if (/^\d{2}$/.test(ownerCode)) {
    const [p] = await q.query<{ code: string; name_th: string; name_en: string }>('SELECT code, name_th, name_en FROM provinces WHERE code = $1', [
      ownerCode,
    ]);
    if (!p) throw new AppError('validation', `Unknown province code ${ownerCode}`, { field: 'owner' });
    return { kind: 'province', code: p.code, nameTh: p.name_th, nameEn: p.name_en };
  }
  const scheme = await schemeForFiscalYear(q, fiscalYear);
  const [c] = await q.query<{ id: number; slug: string; name_th: string; name_en: string }>(
    'SELECT id, slug, name_th, name_en FROM clusters WHERE scheme = $1 AND slug = $2',
    [scheme, ownerCode],
  );
  if (!c)
    throw new AppError('validation', `Unknown cluster ${ownerCode} in the cluster scheme ${scheme} of fiscal year ${fiscalYear}`, { field: 'owner' });
  return { kind: 'cluster', code: c.slug, clusterId: c.id, scheme, nameTh: c.name_th, nameEn: c.name_en };
}

interface ClusterDbRow {
  scheme: string;
  slug: string;
  cluster_no: number;
  name_th: string;
  name_en: string;
  ops_center_province_code: string | null;
  confirmed: boolean;
  province_codes: string[];
}

/** The clusters of a scheme with their members on a date. */
export async function listClusters(q: Queryable, scheme: string, date: IsoDate): Promise<Cluster[]> {
  const rows = await q.query<ClusterDbRow>(
    `SELECT c.scheme, c.slug, c.cluster_no, c.name_th, c.name_en, c.ops_center_province_code, c.confirmed,
            coalesce(array_agg(m.province_code ORDER BY m.province_code) FILTER (WHERE m.id IS NOT NULL), '{}') AS province_codes
       FROM clusters c
       LEFT JOIN cluster_memberships m ON m.cluster_id = c.id AND m.valid_from <= $2 AND (m.valid_to IS NULL OR m.valid_to > $2)
      WHERE c.scheme = $1
      GROUP BY c.id ORDER BY c.cluster_no`,
    [scheme, date],
  );
  return rows.map((r) => ({
    scheme: r.scheme,
    code: r.slug,
    no: r.cluster_no,
    nameTh: r.name_th,
    nameEn: r.name_en,
    opsCenterProvinceCode: r.ops_center_province_code,
    confirmed: r.confirmed,
    provinceCodes: r.province_codes,
  }));
}

/** All provinces with the cluster each belongs to on a date (Bangkok belongs to none). */
export async function listProvinces(q: Queryable, date: IsoDate): Promise<Province[]> {
  const rows = await q.query<{ code: string; iso: string; name_th: string; name_en: string; cluster_code: string | null }>(
    `SELECT p.code, p.iso, p.name_th, p.name_en, c.slug AS cluster_code
       FROM provinces p
       LEFT JOIN cluster_memberships m ON m.province_code = p.code AND m.valid_from <= $1 AND (m.valid_to IS NULL OR m.valid_to > $1)
       LEFT JOIN clusters c ON c.id = m.cluster_id
      ORDER BY p.code`,
    [date],
  );
  return rows.map((r) => ({ code: r.code, iso: r.iso, nameTh: r.name_th, nameEn: r.name_en, clusterCode: r.cluster_code }));
}
