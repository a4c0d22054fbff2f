/** Loads a GET endpoint and re-loads it when its path or parameters change (or on reload()). */
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, query } from './api.ts';

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
}

export function useApi<T>(path: string | null, params: Record<string, string | number | undefined | null> = {}): Loaded<T> {
  const key = path === null ? null : path + query(params);
  const [state, setState] = useState<{ key: string | null; data: T | null; error: ApiError | null }>({ key: null, data: null, error: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    api
      .get<T>(key)
      .then((data) => live && setState({ key, data, error: null }))
      .catch((e: unknown) => live && setState({ key, data: null, error: e instanceof ApiError ? e : new ApiError(0, 'network', String(e), null) }));
    return () => {
      live = false;
    };
  }, [key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const current = state.key === key;
  return { data: current ? state.data : state.data, error: current ? state.error : null, loading: !current, reload };
}
