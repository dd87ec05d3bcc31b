import { useState } from 'react';
import type { CapacityReport } from '../../../../shared/contract/capacity';
import { BLOCKAGE_STATUS_LABELS } from '../../../../shared/domain/network';
import { useI18n } from '../../i18n/I18n';
import { useApp } from '../../shell/AppContext';
import { flow, mu, num, volume } from './format';

const TOP = 15;

/** "Open these first": the open blockages by the runoff held back behind each. */
export function RankingTable({ report }: { report: CapacityReport }) {
  const { t, locale } = useI18n();
  const { units } = useApp().settings;
  const [all, setAll] = useState(false);
  const rows = all ? report.ranking : report.ranking.slice(0, TOP);
  const max = Math.max(1, ...report.ranking.map((r) => r.cutOff.runoffHeldM3));
  const byStorage = report.ranking.every((r) => r.cutOff.runoffHeldM3 === 0);
  const maxStorage = Math.max(1, ...report.ranking.map((r) => r.cutOff.storageM3));
  return (
    <section className="card cap-ranking">
      <div className="cap-ranking-head">
        <h2>{t('cap.ranking')}</h2>
        <a className="button-link" href="#/blockages?tab=dispatch" data-testid="open-dispatch">
          {t('dp.fromCapacity')}
        </a>
      </div>
      <p className="muted">{t('cap.ranking.hint')}</p>
      {report.ranking.length === 0 ? (
        <p className="muted">{t('cap.ranking.none')}</p>
      ) : (
        <div className="cap-table-wrap">
          <table className="table cap-table" data-testid="capacity-ranking">
            <thead>
              <tr>
                <th className="num">{t('cap.ranking.rank')}</th>
                <th>{t('cap.ranking.name')}</th>
                <th>{t('cap.ranking.village')}</th>
                <th>{t('cap.ranking.status')}</th>
                <th>{t('cap.ranking.ditch')}</th>
                <th className="cap-bar-col">{t('cap.ranking.held')}</th>
                <th className="num">{t('cap.ranking.storage')}</th>
                <th className="num">{t('cap.ranking.length')}</th>
                <th className="num">{t('cap.ranking.catchment')}</th>
                <th className="num">{t('cap.ranking.conveyance')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const share = byStorage ? r.cutOff.storageM3 / maxStorage : r.cutOff.runoffHeldM3 / max;
                const notes = [
                  r.blockagesInside.length > 0 ? t('cap.ranking.inside', { n: r.blockagesInside.length }) : '',
                  r.cutOff.sectionMissingCount > 0 ? t('cap.ranking.sectionMissing', { n: r.cutOff.sectionMissingCount }) : '',
                  r.cutOff.catchmentMissingCount > 0 ? t('cap.ranking.catchmentMissing', { n: r.cutOff.catchmentMissingCount }) : '',
                ].filter(Boolean);
                return (
                  <tr key={r.blockageId} data-testid="ranking-row">
                    <td className="num">
                      <span className={r.rank <= 3 ? 'cap-rank top' : 'cap-rank'}>{r.rank}</span>
                    </td>
                    <td>
                      <strong>{r.name || r.ditchName}</strong>
                      {notes.length > 0 && <div className="cap-subnote">{notes.join('；')}</div>}
                    </td>
                    <td>{r.village}</td>
                    <td className="nowrap">{BLOCKAGE_STATUS_LABELS[r.status][locale]}</td>
                    <td>{r.ditchName}</td>
                    <td className="cap-bar-col">
                      <div className="cap-bar">
                        <span style={{ width: `${Math.max(2, share * 100)}%` }} />
                        <em>{volume(r.cutOff.runoffHeldM3, locale, units)}</em>
                      </div>
                    </td>
                    <td className="num">{volume(r.cutOff.storageM3, locale, units)}</td>
                    <td className="num">{num(r.cutOff.lengthM, locale)}</td>
                    <td className="num">{mu(r.cutOff.catchmentM2, locale)}</td>
                    <td className="num">{flow(r.cutOff.conveyanceM3s, locale)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {report.ranking.length > TOP && (
        <button type="button" className="small" onClick={() => setAll(!all)}>
          {all ? t('cap.ranking.showTop', { n: TOP }) : t('cap.ranking.showAll', { n: report.ranking.length })}
        </button>
      )}
      {report.networkProblems.length > 0 && (
        <div className="cap-problems" data-testid="network-problems">
          <h3>{t('cap.problems')}</h3>
          <p className="muted">{t('cap.problems.hint')}</p>
          <ul>
            {report.networkProblems.map((p, i) => (
              <li key={`${p.code}-${i}`}>
                {p.message[locale]}
                {p.names.length > 0 && p.code !== 'invalid_segment' && !p.code.startsWith('blockage') && (
                  <span className="muted">
                    {' '}
                    （{p.names.slice(0, 5).join('、')}
                    {p.count > 5 ? ` ${t('cap.problems.more', { n: p.count })}` : ''}）
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
