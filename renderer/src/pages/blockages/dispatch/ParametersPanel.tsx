import { useState } from 'react';
import type { DispatchSettings } from '../../../../../shared/contract/dispatchSettings';
import { BLOCKAGE_CAUSE_LABELS, BLOCKAGE_CAUSES, MACHINE_KINDS, MACHINE_LABELS } from '../../../../../shared/domain/blockageCause';
import { useI18n } from '../../../i18n/I18n';

type Draft = Record<string, string>;

function toDraft(s: DispatchSettings): Draft {
  const d: Draft = { detourFactor: String(s.detourFactor), speedKmh: String(s.speedKmh), workdayHours: String(s.workdayHours) };
  for (const c of BLOCKAGE_CAUSES) {
    d[`${c}.hours`] = String(s.causes[c].hours);
    for (const k of MACHINE_KINDS) d[`${c}.${k}`] = String(s.causes[c].needs[k]);
  }
  return d;
}

/** Numbers as typed; the core checks them (a bad one comes back naming its field). */
function fromDraft(d: Draft): DispatchSettings {
  const n = (key: string) => (d[key]!.trim() === '' ? Number.NaN : Number(d[key]));
  return {
    detourFactor: n('detourFactor'),
    speedKmh: n('speedKmh'),
    workdayHours: n('workdayHours'),
    causes: Object.fromEntries(
      BLOCKAGE_CAUSES.map((c) => [c, { hours: n(`${c}.hours`), needs: Object.fromEntries(MACHINE_KINDS.map((k) => [k, n(`${c}.${k}`)])) }]),
    ) as DispatchSettings['causes'],
  };
}

/** 调度参数: travel estimate, working day and what each cause needs, saved as settings (with undo there). */
export function ParametersPanel({ settings, busy, onSave }: { settings: DispatchSettings; busy: boolean; onSave(next: DispatchSettings): void }) {
  const { t, locale } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => toDraft(settings));
  const field = (key: string, label: string, step = 0.1) => (
    <input type="number" step={step} min={0} aria-label={label} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
  );
  return (
    <details className="dp-params" data-testid="dispatch-params">
      <summary>{t('dp.params')}</summary>
      <div className="dp-params-row">
        <label>
          {t('dp.params.detour')} {field('detourFactor', t('dp.params.detour'))}
        </label>
        <label>
          {t('dp.params.speed')} {field('speedKmh', t('dp.params.speed'), 1)}
        </label>
        <label>
          {t('dp.params.workday')} {field('workdayHours', t('dp.params.workday'), 0.5)}
        </label>
      </div>
      <table className="table dp-params-table">
        <thead>
          <tr>
            <th>{t('dp.col.cause')}</th>
            <th className="num">{t('dp.col.hours')}</th>
            {MACHINE_KINDS.map((k) => (
              <th key={k} className="num">
                {locale === 'zh' ? MACHINE_LABELS[k].zh : MACHINE_LABELS[k].en}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {BLOCKAGE_CAUSES.map((c) => (
            <tr key={c}>
              <td>{BLOCKAGE_CAUSE_LABELS[c][locale]}</td>
              <td className="num">{field(`${c}.hours`, `${BLOCKAGE_CAUSE_LABELS[c][locale]} ${t('dp.col.hours')}`, 0.5)}</td>
              {MACHINE_KINDS.map((k) => (
                <td key={k} className="num">
                  {field(`${c}.${k}`, `${BLOCKAGE_CAUSE_LABELS[c][locale]} ${locale === 'zh' ? MACHINE_LABELS[k].zh : MACHINE_LABELS[k].en}`, 1)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('dp.params.hint')}</p>
      <button type="button" className="primary" disabled={busy} onClick={() => onSave(fromDraft(draft))} data-testid="dispatch-params-save">
        {t('dp.params.save')}
      </button>
    </details>
  );
}
