import { useCallback, useEffect, useState } from "react";
import { api, isAbort, type Query } from "../api.js";

/** GET one resource, with its loading state and error, reloaded when the query (or `reloadKey`) changes. */
export function useResource<T>(path: string | null, query: Query = {}, reloadKey: unknown = null) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const queryKey = JSON.stringify(query);

  useEffect(() => {
    if (!path) return;
    const controller = new AbortController();
    setLoading(true);
    api
      .get<T>(path, JSON.parse(queryKey) as Query, { signal: controller.signal })
      .then((value) => {
        setData(value);
        setError(null);
      })
      .catch((err) => {
        if (!isAbort(err)) setError(err);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [path, queryKey, tick, reloadKey]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}
