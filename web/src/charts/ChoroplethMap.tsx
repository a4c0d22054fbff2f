/**
 * A choropleth of disbursement percent by cluster (the members' shapes merged) or by province,
 * from web/public/th-provinces.topo.json (geometry id = two-digit province code).
 */
import { useEffect, useMemo, useState } from 'react';
import { geoMercator, geoPath } from 'd3-geo';
import { feature, merge } from 'topojson-client';
import type { GeometryCollection, MultiPolygon, Polygon, Topology } from 'topojson-specification';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Ranking } from '../api.ts';
import { usePrefs, useFmt, useT } from '../prefs.tsx';
import { useReference } from '../reference.ts';

type Topo = Topology<{ provinces: GeometryCollection<{ code: string; name_th: string; name_en: string }> }>;

let topoPromise: Promise<Topo> | null = null;
const loadTopo = () => (topoPromise ??= fetch('/th-provinces.topo.json').then((r) => r.json() as Promise<Topo>));

const W = 360;
const H = 620;

/** Light to dark green by the share of the highest percent (drawing only). */
function color(p: string | null, max: number): string {
  if (p === null) return '#e5e7eb';
  const f = max > 0 ? Math.min(1, Number(p) / max) : 0;
  return `hsl(152, 55%, ${Math.round(90 - f * 62)}%)`;
}

interface Props {
  level: 'cluster' | 'province';
  ranking: Ranking | null;
  current: string;
  date: string;
  onPick(owner: string): void;
}

export default function ChoroplethMap({ level, ranking, current, date, onPick }: Props) {
  const t = useT();
  const fmt = useFmt();
  const { lang } = usePrefs();
  const ref = useReference(date);
  const [topo, setTopo] = useState<Topo | null>(null);
  useEffect(() => {
    void loadTopo().then(setTopo);
  }, []);

  const shapes = useMemo(() => {
    if (!topo || !ref) return null;
    const provinces = feature(topo, topo.objects.provinces) as FeatureCollection<Geometry, { code: string }>;
    const projection = geoMercator().fitSize([W, H], provinces);
    const path = geoPath(projection);
    if (level === 'province') return provinces.features.map((f) => ({ owner: String(f.id), d: path(f) ?? '' }));
    return ref.clusters.map((c) => {
      const members = topo.objects.provinces.geometries.filter((g) => c.provinceCodes.includes(String(g.id))) as (Polygon | MultiPolygon)[];
      const merged: Feature = { type: 'Feature', properties: {}, geometry: merge(topo, members) };
      return { owner: c.code, d: path(merged) ?? '' };
    });
  }, [topo, ref, level]);

  const entries = (level === 'cluster' ? ranking?.clusters : ranking?.provinces) ?? [];
  const byOwner = new Map(entries.map((e) => [e.owner, e]));
  const max = Math.max(0, ...entries.map((e) => (e.disbursedPercent === null ? 0 : Number(e.disbursedPercent))));
  const maxText = entries.reduce<string | null>(
    (m, e) => (e.disbursedPercent !== null && Number(e.disbursedPercent) === max ? e.disbursedPercent : m),
    null,
  );
  const currentProvinceCluster = ref?.provinces.find((p) => p.code === current)?.clusterCode;
  const currentClusterMembers = ref?.clusters.find((c) => c.code === current)?.provinceCodes;

  if (!shapes) return <p className="loading">{t('loading')}</p>;
  return (
    <div className="map">
      <svg viewBox={`0 0 ${W} ${H}`} className="chart map-svg" role="img" aria-label={t('map')}>
        {shapes.map((s) => {
          const e = byOwner.get(s.owner);
          const highlighted =
            s.owner === current ||
            (level === 'cluster' && s.owner === currentProvinceCluster) ||
            (level === 'province' && !!currentClusterMembers?.includes(s.owner));
          const name = e ? fmt.digits(lang === 'th' ? e.nameTh : e.nameEn) : s.owner;
          return (
            <path
              key={s.owner}
              d={s.d}
              fill={color(e?.disbursedPercent ?? null, max)}
              className={highlighted ? 'area current' : 'area'}
              onClick={() => e && onPick(s.owner)}
            >
              <title>{`${name}: ${e ? fmt.percent(e.disbursedPercent) : t('noData')}`}</title>
            </path>
          );
        })}
      </svg>
      <div className="legend">
        {maxText !== null && (
          <>
            {fmt.percent('0.00')}
            <span className="gradient" style={{ background: `linear-gradient(90deg, ${color('0', max)}, ${color(maxText, max)})` }} />
            {fmt.percent(maxText)}
          </>
        )}
        <span className="swatch" style={{ background: color(null, max) }} /> {t('noData')}
      </div>
    </div>
  );
}
