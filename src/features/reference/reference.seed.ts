import type { Db } from '../../db/db.ts';
import { CONFIRMED_2560, LATE_MEMBERSHIPS, SCHEMES, clusters, provinces } from './reference.data.ts';

/** Loads the shipped provinces and clusters into an empty database (a no-op once loaded). */
export async function seedReferenceData(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const [{ n }] = (await tx.query<{ n: bigint }>('SELECT count(*) AS n FROM provinces')) as [{ n: bigint }];
    if (n > 0n) return;
    for (const p of provinces()) {
      await tx.query('INSERT INTO provinces (code, iso, name_th, name_en) VALUES ($1, $2, $3, $4)', [p.code, p.iso, p.name_th, p.name_en]);
    }
    for (const s of SCHEMES) {
      await tx.query('INSERT INTO cluster_schemes (scheme, valid_from, valid_to, description) VALUES ($1, $2, $3, $4)', [
        s.scheme,
        s.validFrom,
        s.validTo,
        s.description,
      ]);
    }
    for (const c of clusters()) {
      const scheme = SCHEMES.find((s) => s.scheme === c.scheme);
      if (!scheme) throw new Error(`clusters.csv: unknown scheme ${c.scheme}`);
      const confirmed = c.scheme === '2552' || CONFIRMED_2560.has(c.code);
      const [row] = await tx.query<{ id: number }>(
        `INSERT INTO clusters (scheme, slug, cluster_no, name_th, name_en, ops_center_province_code, confirmed)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [c.scheme, c.code, Number(c.cluster_no), c.name_th, c.name_en, c.ops_center_province_code || null, confirmed],
      );
      for (const code of c.province_codes.split(' ').filter(Boolean)) {
        const from = LATE_MEMBERSHIPS[c.scheme]?.[code] ?? scheme.validFrom;
        await tx.query('INSERT INTO cluster_memberships (cluster_id, province_code, valid_from, valid_to) VALUES ($1, $2, $3, $4)', [
          row!.id,
          code,
          from,
          scheme.validTo,
        ]);
      }
    }
  });
}
