import { AREA_KIND_LABELS, DITCH_CONDITION_LABELS, DITCH_KIND_LABELS, WORK_STATE_LABELS, type Layer } from '../../../../shared/domain/network';

/** One editable attribute on the details panel. */
export interface FieldDef {
  key: string;
  type: 'text' | 'number' | 'int' | 'date' | 'enum' | 'textarea';
  options?: Record<string, { zh: string; en: string }>;
  step?: string;
}

/** The attributes each layer shows, in the order users read them (DESIGN.md section 2). */
export const FIELDS: Record<Layer, FieldDef[]> = {
  ditch: [
    { key: 'name', type: 'text' },
    { key: 'kind', type: 'enum', options: DITCH_KIND_LABELS },
    { key: 'village', type: 'text' },
    { key: 'condition', type: 'enum', options: DITCH_CONDITION_LABELS },
    { key: 'work', type: 'enum', options: WORK_STATE_LABELS },
    { key: 'work_date', type: 'date' },
    { key: 'bottom_width_m', type: 'number', step: '0.1' },
    { key: 'depth_m', type: 'number', step: '0.1' },
    { key: 'side_slope', type: 'number', step: '0.1' },
    { key: 'manning_n', type: 'number', step: '0.001' },
    { key: 'slope', type: 'number', step: '0.0001' },
    { key: 'note', type: 'textarea' },
  ],
  culvert: [
    { key: 'name', type: 'text' },
    { key: 'village', type: 'text' },
    { key: 'diameter_m', type: 'number', step: '0.1' },
    { key: 'length_m', type: 'number', step: '0.5' },
    { key: 'barrels', type: 'int' },
    { key: 'material', type: 'text' },
    { key: 'laid_date', type: 'date' },
    { key: 'note', type: 'textarea' },
  ],
  blockage: [
    { key: 'name', type: 'text' },
    { key: 'village', type: 'text' },
    { key: 'note', type: 'textarea' },
  ],
  area: [
    { key: 'name', type: 'text' },
    { key: 'kind', type: 'enum', options: AREA_KIND_LABELS },
    { key: 'runoff_coefficient', type: 'number', step: '0.05' },
    { key: 'curve_number', type: 'number', step: '1' },
    { key: 'note', type: 'textarea' },
  ],
};

/** A form value back to what the contract takes: numbers or null, dates or null, text. */
export function fromForm(def: FieldDef, value: string): unknown {
  if (def.type === 'number' || def.type === 'int') {
    if (value.trim() === '') return null;
    const n = Number(value);
    return Number.isFinite(n) ? n : value;
  }
  if (def.type === 'date') return value === '' ? null : value;
  return value;
}

export function toForm(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}
