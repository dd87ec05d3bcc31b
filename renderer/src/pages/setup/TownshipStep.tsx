import { useEffect, useState } from 'react';
import type { Division, TownshipDetail, TownshipMatch } from '../../../../shared/contract/setup';
import { invoke } from '../../api/client';
import { useI18n } from '../../i18n/I18n';

export interface TownshipChoice {
  detail: TownshipDetail;
  name: string;
  villagesText: string;
}

/** Step 1: find the township by typing (or level by level), then check its name and villages. */
export function TownshipStep({ choice, onChoose }: { choice: TownshipChoice | null; onChoose(next: TownshipChoice): void }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ matches: TownshipMatch[]; total: number } | null>(null);

  useEffect(() => {
    const q = query.trim();
    if (!q) return setFound(null);
    // Search as the user types, without a request per keystroke.
    const timer = setTimeout(() => void invoke('setup.searchTownships', { query: q, limit: 30 }).then(setFound, () => setFound(null)), 150);
    return () => clearTimeout(timer);
  }, [query]);

  const choose = async (code: string) => {
    const detail = await invoke('setup.township', { code });
    onChoose({ detail, name: detail.name, villagesText: detail.villages.join('\n') });
  };

  return (
    <div className="setup-step">
      <div className="field">
        <label htmlFor="setup-search">{t('setup.search')}</label>
        <input id="setup-search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="梨树 双河" autoComplete="off" autoFocus />
        <div className="field-hint">{t('setup.searchHint')}</div>
      </div>
      {found && found.total === 0 && <div className="banner banner-warn">{t('setup.noMatch')}</div>}
      {found && found.total > 0 && (
        <ul className="setup-matches" aria-label={t('setup.search')}>
          {found.matches.map((m) => (
            <li key={m.code}>
              <button type="button" className={choice?.detail.code === m.code ? 'match chosen' : 'match'} onClick={() => void choose(m.code)}>
                <span className="muted">{m.path.join(' ')}</span> <strong>{m.name}</strong> <span className="muted code">{m.code}</span>
              </button>
            </li>
          ))}
          {found.total > found.matches.length && (
            <li className="muted">{t('setup.searchTotal', { n: found.total, m: found.matches.length })}</li>
          )}
        </ul>
      )}
      <DivisionBrowser onChoose={(code) => void choose(code)} />
      {choice && (
        <div className="setup-chosen">
          <div className="field">
            <label htmlFor="setup-name">{t('setup.name')}</label>
            <input id="setup-name" value={choice.name} onChange={(e) => onChoose({ ...choice, name: e.target.value })} />
            <div className="field-hint">
              {t('setup.chosen')}：{[...choice.detail.path, choice.detail.name].join(' ')} · {t('setup.code')} <span data-testid="setup-code">{choice.detail.code}</span>
              （{t('setup.codeHint')}）
            </div>
          </div>
          <div className="field">
            <label htmlFor="setup-villages">{t('setup.villages')}</label>
            <textarea id="setup-villages" rows={8} value={choice.villagesText} onChange={(e) => onChoose({ ...choice, villagesText: e.target.value })} />
            <div className="field-hint">{t('setup.villagesCount', { n: villageList(choice.villagesText).length })}</div>
          </div>
        </div>
      )}
    </div>
  );
}

/** The villages typed in the box: one per line, trimmed, no blanks or repeats. */
export function villageList(text: string): string[] {
  return [...new Set(text.split('\n').map((v) => v.trim()).filter(Boolean))];
}

/** Province → city → county → township selects, for an office that prefers to pick from lists. */
function DivisionBrowser({ onChoose }: { onChoose(code: string): void }) {
  const { t } = useI18n();
  const [levels, setLevels] = useState<Division[][]>([]);
  const [picked, setPicked] = useState<string[]>([]);
  useEffect(() => void invoke('setup.divisions', {}).then((p) => setLevels([p])), []);

  const pick = async (depth: number, code: string) => {
    const path = [...picked.slice(0, depth), code];
    setPicked(path);
    if (code.length === 9) return onChoose(code);
    const children = code ? await invoke('setup.divisions', { parent: code }) : [];
    setLevels((ls) => [...ls.slice(0, depth + 1), children]);
  };
  const labels = [t('setup.province'), t('setup.city'), t('setup.county'), t('setup.townshipSelect')];
  return (
    <fieldset className="field">
      <legend>{t('setup.browse')}</legend>
      <div className="inline-fields">
        {levels.map((options, depth) => (
          <select key={depth} aria-label={labels[depth]} value={picked[depth] ?? ''} onChange={(e) => void pick(depth, e.target.value)}>
            <option value="">{labels[depth]}…</option>
            {options.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </select>
        ))}
      </div>
    </fieldset>
  );
}
