/**
 * Where a visit's photos were taken: the visit's provinces (web/public/th-provinces.topo.json, the
 * dashboard map's boundaries and d3-geo projection) with a numbered point per photo carrying a GPS position.
 */
import { useEffect, useMemo, useState } from 'react';
import { geoMercator, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { FeatureCollection, Geometry } from 'geojson';
import { useFmt } from '../prefs.tsx';

type Topo = Topology<{ provinces: GeometryCollection<{ code: string; name_th: string; name_en: string }> }>;

let topoPromise: Promise<Topo> | null = null;
const loadTopo = () => (topoPromise ??= fetch('/th-provinces.topo.json').then((r) => r.json() as Promise<Topo>));

const W = 360;
const H = 300;

export interface PhotoPoint {
  id: string;
  label: string;
  latitude: number;
  longitude: number;
  title: string;
}

export default function PhotoMap({ provinces, points, label }: { provinces: string[]; points: PhotoPoint[]; label: string }) {
  const fmt = useFmt();
  const [topo, setTopo] = useState<Topo | null>(null);
  useEffect(() => {
    void loadTopo().then(setTopo);
  }, []);
  const drawn = useMemo(() => {
    if (!topo) return null;
    const all = feature(topo, topo.objects.provinces) as FeatureCollection<Geometry, { name_th: string }>;
    const chosen = all.features.filter((f) => provinces.includes(String(f.id)));
    const shown: FeatureCollection<Geometry, { name_th: string }> = { type: 'FeatureCollection', features: chosen.length ? chosen : all.features };
    const projection = geoMercator().fitExtent(
      [
        [8, 8],
        [W - 8, H - 8],
      ],
      shown,
    );
    const path = geoPath(projection);
    return {
      areas: shown.features.map((f) => ({ code: String(f.id), name: f.properties.name_th, d: path(f) ?? '' })),
      dots: points.map((p) => ({ ...p, xy: projection([p.longitude, p.latitude]) })),
    };
  }, [topo, provinces, points]);
  if (!drawn) return null;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="chart photo-map" role="img" aria-label={label} data-testid="photo-map">
      {drawn.areas.map((a) => (
        <path key={a.code} d={a.d} className="area" fill="#e8f3ec" stroke="#6b9080">
          <title>{a.name}</title>
        </path>
      ))}
      {drawn.dots.map(
        (p) =>
          p.xy && (
            <g key={p.id} data-testid={`photo-point-${p.id}`} transform={`translate(${p.xy[0].toFixed(1)},${p.xy[1].toFixed(1)})`}>
              <circle r="7" fill="#c2410c" stroke="#fff" strokeWidth="1.5" />
              <text textAnchor="middle" dy="3.5" fontSize="9" fill="#fff">
                {fmt.digits(p.label)}
              </text>
              <title>{p.title}</title>
            </g>
          ),
      )}
    </svg>
  );
}
