import { useEffect, useState } from 'react';
import type { CapacityMap, CapacityQuery, CapacityReport } from '../../../../shared/contract/capacity';
import type { WireError } from '../../../../shared/contract/errors';
import { ApiError, invoke } from '../../api/client';

/**
 * The report and the map data for a query, fetched together whenever the query changes. Answers
 * to an older query that arrive late are dropped, so quick changes never show stale figures.
 */
export function useCapacity(query: CapacityQuery | null, version = 0) {
  const [report, setReport] = useState<CapacityReport | null>(null);
  const [map, setMap] = useState<CapacityMap | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  const [busy, setBusy] = useState(false);
  const key = `${version}:${JSON.stringify(query)}`;

  useEffect(() => {
    if (query === null) return;
    let current = true;
    setBusy(true);
    setError(null);
    Promise.all([invoke('capacity.report', query), invoke('capacity.map', query)]).then(
      ([r, m]) => {
        if (!current) return;
        setReport(r);
        setMap(m);
        setBusy(false);
      },
      (e: unknown) => {
        if (!current) return;
        setBusy(false);
        if (e instanceof ApiError) setError(e.wire);
      },
    );
    return () => {
      current = false;
    };
    // The query is compared by value (its JSON), not by object identity.
  }, [key]);

  return { report, map, error, busy };
}
