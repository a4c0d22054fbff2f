/** Clusters and provinces in force on a date, loaded once per date. */
import { useEffect, useState } from 'react';
import { api, type Cluster, type Province } from './api.ts';

export interface Reference {
  clusters: Cluster[];
  provinces: Province[];
}

const cache = new Map<string, Promise<Reference>>();

export function loadReference(date: string): Promise<Reference> {
  let p = cache.get(date);
  if (!p) {
    p = Promise.all([api.get<Cluster[]>('/reference/clusters', { date }), api.get<Province[]>('/reference/provinces', { date })]).then(
      ([clusters, provinces]) => ({ clusters, provinces }),
    );
    p.catch(() => cache.delete(date));
    cache.set(date, p);
  }
  return p;
}

export function useReference(date: string): Reference | null {
  const [ref, setRef] = useState<{ date: string; value: Reference } | null>(null);
  useEffect(() => {
    let live = true;
    loadReference(date)
      .then((value) => live && setRef({ date, value }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [date]);
  return ref?.value ?? null;
}
