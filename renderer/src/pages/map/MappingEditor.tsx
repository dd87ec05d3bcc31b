import type { FieldMappingInput, ImportPreview } from '../../../../shared/contract/imports';
import { useI18n, type MessageKey } from '../../i18n/I18n';

/** Our attributes per layer, in the order the details panel shows them. */
const OUR_FIELDS: Record<'ditch' | 'culvert' | 'blockage' | 'area', string[]> = {
  ditch: ['name', 'kind', 'village', 'condition', 'work', 'work_date', 'bottom_width_m', 'depth_m', 'side_slope', 'manning_n', 'slope'],
  culvert: ['name', 'diameter_m', 'length_m', 'barrels', 'material', 'laid_date'],
  blockage: ['name', 'status', 'reported_at', 'village', 'note'],
  area: ['name', 'kind', 'runoff_coefficient'],
};

/**
 * Which column of the file feeds which of our attributes. Starts from the importer's suggestion;
 * only the layers the file has are shown.
 */
export function MappingEditor({ preview, mapping, onChange }: { preview: ImportPreview; mapping: FieldMappingInput; onChange(m: FieldMappingInput): void }) {
  const { t } = useI18n();
  const layers = (Object.keys(OUR_FIELDS) as (keyof typeof OUR_FIELDS)[]).filter((l) => preview.counts.byLayer[l] > 0);
  const ours = [...new Set(layers.flatMap((l) => OUR_FIELDS[l]))];
  const hasPoints = (preview.counts.byGeometry.point ?? 0) > 0;
  return (
    <details className="mapping" open={false}>
      <summary>{t('import.mapping')}</summary>
      <table className="table compact">
        <thead>
          <tr>
            <th>{t('import.mapping.ours')}</th>
            <th>{t('import.mapping.file')}</th>
          </tr>
        </thead>
        <tbody>
          {ours.map((field) => (
            <tr key={field}>
              <td>
                <label htmlFor={`map-${field}`}>{t(`map.f.${field}` as MessageKey)}</label>
              </td>
              <td>
                <select
                  id={`map-${field}`}
                  value={mapping.fields[field] ?? ''}
                  onChange={(e) => {
                    const fields = { ...mapping.fields };
                    if (e.target.value) fields[field] = e.target.value;
                    else delete fields[field];
                    onChange({ ...mapping, fields });
                  }}
                >
                  <option value="">{t('import.mapping.none')}</option>
                  {preview.fields.map((f) => (
                    <option key={f.name} value={f.name}>
                      {f.name}
                      {f.samples[0] ? `（${f.samples.slice(0, 2).join('、')}）` : ''}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
          {hasPoints && (
            <tr>
              <td>
                <label htmlFor="map-points">{t('import.mapping.points')}</label>
              </td>
              <td>
                <select id="map-points" value={mapping.points} onChange={(e) => onChange({ ...mapping, points: e.target.value as FieldMappingInput['points'] })}>
                  <option value="auto">{t('import.mapping.points.auto')}</option>
                  <option value="culvert">{t('import.mapping.points.culvert')}</option>
                  <option value="blockage">{t('import.mapping.points.blockage')}</option>
                </select>
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </details>
  );
}
