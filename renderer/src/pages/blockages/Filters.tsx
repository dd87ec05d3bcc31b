import type { BlockageSort, Team } from '../../../../shared/contract/blockages';
import { BLOCKAGE_STATUS_LABELS, BLOCKAGE_STATUSES, type BlockageStatus } from '../../../../shared/domain/network';
import { useI18n, type MessageKey } from '../../i18n/I18n';

export interface FilterState {
  status: BlockageStatus | 'open' | '';
  village: string;
  teamId: string;
  minAgeHours: number;
  query: string;
  sort: BlockageSort | '';
  desc: boolean;
}

const AGES = [0, 24, 48, 72, 168] as const;
const SORTS: (BlockageSort | '')[] = ['', 'age', 'status', 'name', 'village', 'team', 'updated'];

/** Search and filters above the table; every choice is sent to the core as the list's query. */
export function Filters({ value, onChange, villages, teams }: { value: FilterState; onChange(v: FilterState): void; villages: string[]; teams: Team[] }) {
  const { t, locale } = useI18n();
  const set = <K extends keyof FilterState>(key: K, v: FilterState[K]) => onChange({ ...value, [key]: v });
  return (
    <div className="bk-filters">
      <input type="search" className="bk-search" placeholder={t('bk.search')} aria-label={t('bk.search')} value={value.query} onChange={(e) => set('query', e.target.value)} />
      <label>
        {t('bk.filter.status')}
        <select value={value.status} onChange={(e) => set('status', e.target.value as FilterState['status'])}>
          <option value="">{t('bk.all')}</option>
          <option value="open">{t('bk.openOnly')}</option>
          {BLOCKAGE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {BLOCKAGE_STATUS_LABELS[s][locale]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('bk.filter.village')}
        <select value={value.village} onChange={(e) => set('village', e.target.value)}>
          <option value="">{t('bk.all')}</option>
          {villages.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('bk.filter.team')}
        <select value={value.teamId} onChange={(e) => set('teamId', e.target.value)}>
          <option value="">{t('bk.all')}</option>
          <option value="none">{t('bk.filter.noTeam')}</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('bk.filter.age')}
        <select value={value.minAgeHours} onChange={(e) => set('minAgeHours', Number(e.target.value))}>
          {AGES.map((a) => (
            <option key={a} value={a}>
              {t(a === 0 ? 'bk.age.any' : (`bk.age.${a}` as MessageKey))}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('bk.sort')}
        <select value={value.sort} onChange={(e) => set('sort', e.target.value as FilterState['sort'])}>
          {SORTS.map((s) => (
            <option key={s || 'default'} value={s}>
              {t(`bk.sort.${s || 'default'}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      {value.sort ? (
        <button type="button" className="bk-dir" onClick={() => set('desc', !value.desc)} aria-label={value.desc ? '↓' : '↑'}>
          {value.desc ? '↓' : '↑'}
        </button>
      ) : null}
    </div>
  );
}
