import { useI18n } from '../../i18n/I18n';
import { CONDITION_COLORS, STATUS_COLORS } from '../../map/networkStyle';
import { BLOCKAGE_STATUS_LABELS } from '../../../../shared/domain/network';

/** What the colours and widths on the map mean. */
export function Legend() {
  const { t, locale } = useI18n();
  const line = (color: string, width: number, dash = false) => (
    <svg width="34" height="12" aria-hidden>
      <line x1="2" y1="6" x2="32" y2="6" stroke={color} strokeWidth={width} strokeDasharray={dash ? '5 3' : undefined} strokeLinecap="round" />
    </svg>
  );
  const dot = (color: string, ring = false) => (
    <svg width="34" height="14" aria-hidden>
      <circle cx="17" cy="7" r="5" fill={ring ? '#fff' : color} stroke={ring ? '#37474f' : '#fff'} strokeWidth="2" />
    </svg>
  );
  return (
    <section className="map-legend" aria-label={t('map.legend')}>
      <h3>{t('map.legend')}</h3>
      <ul>
        <li>{line('#4a90c8', 6)} {t('map.legend.river')}</li>
        <li>{line(CONDITION_COLORS.clear, 4)} {t('map.legend.main')}</li>
        <li>{line(CONDITION_COLORS.clear, 2.4)} {t('map.legend.branch')}</li>
        <li>{line(CONDITION_COLORS.clear, 1.2)} {t('map.legend.field')}</li>
        <li>{line(CONDITION_COLORS.clear, 3)} {t('map.legend.clear')}</li>
        <li>{line(CONDITION_COLORS.silted, 3, true)} {t('map.legend.silted')}</li>
        <li>{line(CONDITION_COLORS.blocked, 3)} {t('map.legend.blocked')}</li>
        <li>{dot('#fff', true)} {t('map.legend.culvert')}</li>
        {(['reported', 'assigned', 'in_progress', 'cleared', 'verified'] as const).map((s) => (
          <li key={s}>
            {dot(STATUS_COLORS[s])} {BLOCKAGE_STATUS_LABELS[s][locale]}
          </li>
        ))}
        <li>
          <svg width="34" height="12" aria-hidden>
            <rect x="2" y="1" width="30" height="10" fill="#e9f2dc" stroke="#9aab7c" strokeDasharray="4 2" />
          </svg>{' '}
          {t('map.legend.village')}
        </li>
      </ul>
    </section>
  );
}
