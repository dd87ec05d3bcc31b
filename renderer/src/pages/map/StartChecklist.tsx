import { useEffect, useState } from 'react';
import type { Checklist } from '../../../../shared/contract/setup';
import { invoke } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n/I18n';

const ITEMS: { key: keyof Checklist; label: MessageKey; todo: MessageKey; href: string | null }[] = [
  { key: 'network', label: 'checklist.network', todo: 'checklist.networkTodo', href: null },
  { key: 'teams', label: 'checklist.teams', todo: 'checklist.teamsTodo', href: '#/blockages' },
  { key: 'deploymentsToday', label: 'checklist.deployments', todo: 'checklist.deploymentsTodo', href: '#/deployments' },
  { key: 'rainStations', label: 'checklist.stations', todo: 'checklist.stationsTodo', href: '#/rainfall' },
];

/**
 * The first things a new office enters (网络 · 作业队 · 今日出动 · 雨量站), shown on the map until
 * all four are done; 收起 hides it until the app is opened again.
 */
export function StartChecklist({ version }: { version: number }) {
  const { t } = useI18n();
  const [list, setList] = useState<Checklist | null>(null);
  const [hidden, setHidden] = useState(false);
  useEffect(() => void invoke('setup.status', {}).then((s) => setList(s.checklist), () => setList(null)), [version]);
  if (!list || hidden || ITEMS.every((i) => list[i.key] > 0)) return null;
  return (
    <section className="start-checklist" aria-label={t('checklist.title')}>
      <div className="setup-head">
        <h3>{t('checklist.title')}</h3>
        <button type="button" className="link" onClick={() => setHidden(true)}>
          {t('checklist.hide')}
        </button>
      </div>
      <ul>
        {ITEMS.map((i) => {
          const done = list[i.key] > 0;
          return (
            <li key={i.key} className={done ? 'done' : ''} data-done={done}>
              <span aria-hidden>{done ? '✓' : '○'}</span> {t(i.label)}
              {done ? <span className="muted"> {list[i.key]}</span> : i.href ? <a href={i.href}> {t(i.todo)}</a> : <span className="muted"> {t(i.todo)}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
