import { useCallback, useEffect, useState } from 'react';
import type { MapCollection, NetworkSummary, Village } from '../../../../shared/contract/network';
import { invoke } from '../../api/client';

/**
 * The network, its summary and villages, loaded through the contract and reloaded on demand.
 * The features go to the map the moment they arrive; the summary and village list follow.
 */
export function useNetwork() {
  const [collection, setCollection] = useState<MapCollection | null>(null);
  const [summary, setSummary] = useState<NetworkSummary | null>(null);
  const [villages, setVillages] = useState<Village[]>([]);
  const reload = useCallback(async () => {
    const features = invoke('network.mapFeatures', {}).then((c) => {
      setCollection(c);
      return c;
    });
    const [s] = await Promise.all([invoke('network.summary', {}), invoke('network.villages', {}).then(setVillages), features]);
    setSummary(s);
    return s;
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { collection, summary, villages, reload };
}
