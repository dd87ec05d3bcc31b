import { useCallback, useEffect, useState } from 'react';
import type { NetworkCollection, NetworkSummary, Village } from '../../../../shared/contract/network';
import { invoke } from '../../api/client';

/** The network, its summary and villages, loaded through the contract and reloaded on demand. */
export function useNetwork() {
  const [collection, setCollection] = useState<NetworkCollection | null>(null);
  const [summary, setSummary] = useState<NetworkSummary | null>(null);
  const [villages, setVillages] = useState<Village[]>([]);
  const reload = useCallback(async () => {
    const [c, s, v] = await Promise.all([invoke('network.list', {}), invoke('network.summary', {}), invoke('network.villages', {})]);
    setCollection(c);
    setSummary(s);
    setVillages(v);
    return s;
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { collection, summary, villages, reload };
}
