import { DEPLOYMENT_TASK_LABELS, DEPLOYMENT_TASKS, type DeploymentTask } from '../../../../shared/contract/deployments';
import { useI18n, type MessageKey } from '../../i18n/I18n';
import { COUNT_FIELDS, emptyRow, type DraftForm, type PlanRowForm } from './planForm';

const COUNT_LABELS: Record<(typeof COUNT_FIELDS)[number], MessageKey> = {
  people: 'sheet.col.people',
  excavators: 'sheet.col.excavators',
  longArmExcavators: 'sheet.col.longArm',
  dumpTrucks: 'sheet.col.dumpTrucks',
  pumps: 'sheet.col.pumps',
};

/** 五、明日安排 and the signature lines, edited here and printed on the sheet. */
export function PlanEditor(props: { form: DraftForm; onChange(next: DraftForm): void; onCopyToday(): void; canCopy: boolean; disabled: boolean }) {
  const { t, locale } = useI18n();
  const { form, onChange } = props;
  const setRow = (key: number, patch: Partial<PlanRowForm>) => onChange({ ...form, rows: form.rows.map((r) => (r.key === key ? { ...r, ...patch } : r)) });
  return (
    <fieldset className="sheet-plan" disabled={props.disabled}>
      <h2>{t('sheet.plan')}</h2>
      <label className="field">
        <span className="field-label">{t('sheet.planText')}</span>
        <textarea data-testid="plan-text" rows={4} value={form.planText} onChange={(e) => onChange({ ...form, planText: e.target.value })} />
        <span className="field-hint">{t('sheet.planHint')}</span>
      </label>
      <div className="sheet-plan-head">
        <strong>{t('sheet.planRows')}</strong>
        <span className="actions">
          <button type="button" onClick={() => onChange({ ...form, rows: [...form.rows, emptyRow()] })} data-testid="plan-add-row">
            {t('sheet.addRow')}
          </button>
          <button type="button" onClick={props.onCopyToday} disabled={!props.canCopy}>
            {t('sheet.copyToday')}
          </button>
        </span>
      </div>
      {form.rows.length > 0 && (
        <div className="sheet-plan-rows">
          <table className="table compact">
            <thead>
              <tr>
                <th>{t('sheet.col.place')}</th>
                <th>{t('sheet.col.task')}</th>
                {COUNT_FIELDS.map((f) => (
                  <th key={f}>{t(COUNT_LABELS[f])}</th>
                ))}
                <th>{t('sheet.col.note')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {form.rows.map((r, i) => (
                <tr key={r.key}>
                  <td>
                    <input aria-label={`${t('sheet.col.place')} ${i + 1}`} value={r.place} onChange={(e) => setRow(r.key, { place: e.target.value })} />
                  </td>
                  <td>
                    <select aria-label={`${t('sheet.col.task')} ${i + 1}`} value={r.task} onChange={(e) => setRow(r.key, { task: e.target.value as DeploymentTask })}>
                      {DEPLOYMENT_TASKS.map((task) => (
                        <option key={task} value={task}>
                          {locale === 'zh' ? DEPLOYMENT_TASK_LABELS[task].zh : DEPLOYMENT_TASK_LABELS[task].en}
                        </option>
                      ))}
                    </select>
                  </td>
                  {COUNT_FIELDS.map((f) => (
                    <td key={f}>
                      <input
                        className="num"
                        inputMode="numeric"
                        aria-label={`${t(COUNT_LABELS[f])} ${i + 1}`}
                        value={r[f]}
                        onChange={(e) => setRow(r.key, { [f]: e.target.value })}
                      />
                    </td>
                  ))}
                  <td>
                    <input aria-label={`${t('sheet.col.note')} ${i + 1}`} value={r.note} onChange={(e) => setRow(r.key, { note: e.target.value })} />
                  </td>
                  <td>
                    <button type="button" className="icon" aria-label={t('sheet.removeRow', { n: i + 1 })} onClick={() => onChange({ ...form, rows: form.rows.filter((x) => x.key !== r.key) })}>
                      ×
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('sheet.signatures')}</h2>
      <div className="sheet-signs">
        {(['issuer', 'checker', 'preparer'] as const).map((k) => (
          <label key={k} className="field">
            <span className="field-label">{t(`sheet.${k}` as MessageKey)}</span>
            <input value={form[k]} onChange={(e) => onChange({ ...form, [k]: e.target.value })} data-testid={`sign-${k}`} />
          </label>
        ))}
      </div>
      <p className="field-hint">{t('sheet.signHint')}</p>
    </fieldset>
  );
}
