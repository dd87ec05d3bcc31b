import { useEffect, useState } from 'react';
import type { SearchHit } from '../../../../shared/contract/network';
import { LAYER_LABELS } from '../../../../shared/domain/network';
import { invoke } from '../../api/client';
import { useI18n } from '../../i18n/I18n';
import { pick } from './labels';

/** Search by name or village; choosing a hit selects it and zooms to it. Arrow keys and Enter work. */
export function SearchBox({ onChoose }: { onChoose(hit: SearchHit): void }) {
  const { t, locale } = useI18n();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [active, setActive] = useState(0);

  useEffect(() => {
    const q = query.trim();
    if (!q) return setHits(null);
    const timer = setTimeout(() => {
      invoke('network.search', { query: q, limit: 12 }).then((h) => {
        setHits(h);
        setActive(0);
      }, () => setHits([]));
    }, 150);
    return () => clearTimeout(timer);
  }, [query]);

  const choose = (hit: SearchHit | undefined) => {
    if (!hit) return;
    onChoose(hit);
    setHits(null);
    setQuery(hit.name);
  };

  return (
    <div className="search-box">
      <input
        type="search"
        value={query}
        placeholder={t('map.search')}
        aria-label={t('map.search')}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, (hits?.length ?? 1) - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter') choose(hits?.[active]);
          else if (e.key === 'Escape') setHits(null);
        }}
      />
      {hits && (
        <ul className="search-results" role="listbox">
          {hits.length === 0 && <li className="muted">{t('map.search.none')}</li>}
          {hits.map((h, i) => (
            <li key={h.id} role="option" aria-selected={i === active} className={i === active ? 'active' : ''} onMouseDown={() => choose(h)}>
              <span className="layer-tag">{pick(LAYER_LABELS[h.layer], locale)}</span> {h.name || '—'} <span className="muted">{h.village}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
