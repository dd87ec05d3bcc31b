/**
 * Assembling the preview the user confirms: per-feature suggested layers, counts, the fields with
 * sample values, and the suggested mapping.
 */
import type { Bilingual } from '../../../../shared/contract/errors';
import type { SourceCrs } from '../../../../shared/geo/projected';
import { classifyLayer } from './classify';
import { importInvalid } from './errors';
import { suggestMapping } from './suggest';
import type { FieldInfo, NetworkFormat, NetworkPreview, NormalizedFeature, PreviewCounts } from './types';
import type { Warnings } from './warnings';

/** What a format reader found, before the shared finishing. */
export interface ReadResult {
  format: NetworkFormat;
  encoding: string | null;
  detectedCrs: SourceCrs | null;
  crsReason: Bilingual;
  features: NormalizedFeature[];
}

const MAX_SAMPLES = 5;

/** Property names in first-seen order, with up to five distinct sample values each. */
export function collectFields(features: readonly NormalizedFeature[]): FieldInfo[] {
  const fields = new Map<string, { samples: Set<string>; filled: number }>();
  for (const f of features) {
    for (const [name, value] of Object.entries(f.properties)) {
      let info = fields.get(name);
      if (!info) {
        info = { samples: new Set(), filled: 0 };
        fields.set(name, info);
      }
      if (value === null || String(value).trim() === '') continue;
      info.filled++;
      if (info.samples.size < MAX_SAMPLES) info.samples.add(String(value));
    }
  }
  return [...fields].map(([name, info]) => ({ name, samples: [...info.samples], filled: info.filled }));
}

function countBy<T extends string>(items: readonly T[], init: Record<T, number>): Record<T, number> {
  const out = { ...init };
  for (const item of items) out[item] = (out[item] ?? 0) + 1;
  return out;
}

/** Finishes a reader's result into the preview; a file with no usable feature is an error. */
export function buildPreview(fileName: string, read: ReadResult, warnings: Warnings): NetworkPreview {
  if (read.features.length === 0) {
    throw importInvalid(fileName, 'no_features', {
      zh: '文件里没有带坐标的点、线或面',
      en: 'the file contains no point, line or polygon with coordinates',
    });
  }
  const fields = collectFields(read.features);
  const mapping = suggestMapping(read.features, fields.map((f) => f.name));
  for (const f of read.features) f.suggestedLayer = classifyLayer(f, mapping).layer;
  const counts: PreviewCounts = {
    total: read.features.length,
    byGeometry: countBy(read.features.map((f) => f.kind), { point: 0, line: 0, polygon: 0 }),
    byLayer: countBy(read.features.map((f) => f.suggestedLayer), { ditch: 0, culvert: 0, blockage: 0, area: 0 }),
    bySourceLayer: countBy<string>(read.features.map((f) => f.sourceLayer ?? ''), {}),
  };
  return {
    fileName,
    format: read.format,
    encoding: read.encoding,
    detectedCrs: read.detectedCrs,
    crsReason: read.crsReason,
    features: read.features,
    counts,
    fields,
    suggestedMapping: mapping,
    warnings: warnings.list(),
  };
}
