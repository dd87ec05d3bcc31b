/**
 * What the table-shaped exports (GeoPackage, Shapefile, Excel ledger) write per layer: our fields
 * in export order, then every kept file attribute of that layer's features under its own name
 * (renamed `<name>_file` where it would clash with ours, as in the text exports).
 */
import { attributeEntries } from './export';
import { enumLabel, fieldsOf, LAYER_FIELDS } from './schema';
import type { NetworkFeature, NetworkField, NetworkLayer } from './types';

/** A cell value as written. */
export type CellOut = string | number | null;

/** One layer's columns and rows. */
export interface LayerTable {
  layer: NetworkLayer;
  fields: NetworkField[];
  attributes: string[];
  rows: { feature: NetworkFeature; values: CellOut[] }[];
}

function fieldValue(f: NetworkFeature, field: NetworkField, labels: boolean): CellOut {
  const v = (f.properties as unknown as Record<string, string | number | null>)[field] ?? null;
  const spec = LAYER_FIELDS[f.layer][field];
  return labels && v !== null && spec?.type === 'enum' ? enumLabel(spec, String(v)) : v;
}

/** The layers present, in export order, as tables; `labels` writes enum values as Chinese words. */
export function layerTables(features: readonly NetworkFeature[], layers: readonly NetworkLayer[], labels = false): LayerTable[] {
  return layers.flatMap((layer): LayerTable[] => {
    const members = features.filter((f) => f.layer === layer);
    if (members.length === 0) return [];
    const fields = fieldsOf(layer);
    const attributes = [...new Set(members.flatMap((f) => attributeEntries(f).map(([k]) => k)))];
    const rows = members.map((feature) => {
      const attrs = new Map(attributeEntries(feature));
      const extra = attributes.map((k): CellOut => {
        const v = attrs.get(k);
        return v === undefined || v === null ? null : typeof v === 'boolean' ? String(v) : v;
      });
      return { feature, values: [...fields.map((field) => fieldValue(feature, field, labels)), ...extra] };
    });
    return [{ layer, fields, attributes, rows }];
  });
}
