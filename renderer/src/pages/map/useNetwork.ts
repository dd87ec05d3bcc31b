import { useCallback, useEffect, useState } from 'react';
import type { NetworkSummary, Village } from '../../../../shared/contract/network';
import { invoke } from '../../api/client';

/**
 * The network's summary and villages, loaded through the contract and reloaded on demand. The
 * features themselves reach the map as vector tiles the core cuts (network.tile).
 */
export function useNetwork() {
  const [summary, setSummary] = useState<NetworkSummary | null>(null);
  const [villages, setVillages] = useState<Village[]>([]);
  const reload = useCallback(async () => {
    const [s] = await Promise.all([invoke('network.summary', {}), invoke('network.villages', {}).then(setVillages)]);
    setSummary(s);
    return s;
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { summary, villages, reload };
}
