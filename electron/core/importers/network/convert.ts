/**
 * From the confirmed preview to our network: coordinates converted to WGS84 (2D), each feature
 * put on a layer, and the file's properties read into our field names and types. Values that
 * cannot be read are left empty with a warning, never guessed.
 */
import type { Point } from 'geojson';
import type { Bilingual } from '../../../../shared/contract/errors';
import { forEachPosition, to2d, type SimpleGeometry } from '../../../../shared/geo/geometry';
import { validateGeometry } from '../../../../shared/geo/validate';
import { importInvalid } from './errors';
import { sourceCrsLabel } from '../../../../shared/geo/projected';
import { projection } from './project';
import { htmlToText, looksLikeHtml, shorten } from './htmlText';
import { MAX_ATTRIBUTE_CHARS } from '../../../../shared/contract/network';
import { classifyLayer, layerFromWord } from './classify';
import { FIELD_LABELS, LAYER_FIELDS, LAYER_GEOMETRY, LAYER_LABELS, type FieldSpec } from './schema';
import type {
  FieldMapping,
  ImportedNetworkFeature,
  PropertyValue,
  NetworkField,
  NetworkImportResult,
  NetworkLayer,
  NetworkPreview,
  NormalizedFeature,
  ToNetworkOptions,
} from './types';
import { parseEnum, parseFieldValue } from './values';
import { featureList, Warnings } from './warnings';

/** Ditch kind from a folder named exactly like one ("支沟"): exact, so "河口村" is not a river. */
function kindFromFolders(folders: readonly string[], spec: FieldSpec | undefined): string | null {
  if (spec?.type !== 'enum') return null;
  for (const folder of [...folders].reverse()) {
    const words = Object.values(spec.values).flat();
    if (words.includes(folder.trim())) return parseEnum(folder, spec.values).value;
  }
  return null;
}

/** Village from a folder like "三家子村". */
function villageFromFolders(folders: readonly string[]): string | null {
  return [...folders].reverse().find((f) => /^[\u4e00-\u9fff]{1,10}村$/.test(f.trim()))?.trim() ?? null;
}

function idOf(f: NormalizedFeature, idField: string | null): string | null {
  if (!idField) return f.id;
  const v = f.properties[idField];
  return v === null || v === undefined || String(v).trim() === '' ? f.id : String(v).trim();
}

function chooseLayer(f: NormalizedFeature, options: ToNetworkOptions, warnings: Warnings): NetworkLayer {
  const mapping = options.mapping as NonNullable<ToNetworkOptions['mapping']>;
  const override = options.layerOverrides?.[f.index];
  if (override) {
    if (LAYER_GEOMETRY[override] === f.kind) return override;
    warnings.add('override_mismatch', (n, list) => ({
      zh: `${n} 个要素指定的图层与几何类型不符(第 ${featureList(list).zh} 个),已按几何类型处理`,
      en: `${n} feature(s) were given a layer that does not fit their geometry (#${featureList(list).en}); decided by geometry`,
    }), f.index);
  }
  const named = mapping.layer ? layerFromWord(f.properties[mapping.layer] ?? null) : null;
  if (named && LAYER_GEOMETRY[named] !== f.kind) {
    warnings.add('layer_mismatch', (n, list) => ({
      zh: `${n} 个要素的图层字段与几何不符(如线被标为涵管,第 ${featureList(list).zh} 个),已按几何类型处理`,
      en: `${n} feature(s) have a layer value that does not fit their geometry (e.g. a line marked culvert, #${featureList(list).en}); decided by geometry`,
    }), f.index);
  }
  const { layer, reason } = classifyLayer(f, mapping);
  if (reason === 'default') {
    warnings.add('point_default', (n, list) => ({
      zh: `${n} 个点从名称、文件夹和字段都看不出是涵管还是堵点,已作为堵点导入(第 ${featureList(list).zh} 个);如是涵管请改选`,
      en: `${n} point(s) gave no hint whether they are culverts or blockages and were imported as blockage points (#${featureList(list).en}); change them if they are culverts`,
    }), f.index);
  }
  return layer;
}

/** Each layer's fields as entries, listed once (readProperties runs per feature). */
const FIELD_ENTRIES = Object.fromEntries(
  (Object.keys(LAYER_FIELDS) as NetworkLayer[]).map((l) => [l, Object.entries(LAYER_FIELDS[l]) as [NetworkField, FieldSpec][]]),
) as Record<NetworkLayer, [NetworkField, FieldSpec][]>;

function readProperties(f: NormalizedFeature, layer: NetworkLayer, options: ToNetworkOptions, warnings: Warnings): Record<string, string | number | null> {
  const mapping = options.mapping as NonNullable<ToNetworkOptions['mapping']>;
  const out: Record<string, string | number | null> = {};
  for (const [field, spec] of FIELD_ENTRIES[layer]) {
    const source = mapping.fields[field];
    const raw = source !== undefined ? (f.properties[source] ?? null) : null;
    const result = parseFieldValue(raw, spec);
    if (result.error !== undefined) {
      const label = FIELD_LABELS[field];
      warnings.add('bad_value', (n, list) => ({
        zh: `${LAYER_LABELS[layer].zh}的“${label.zh}”有 ${n} 个值无法识别或超出范围,已留空(第 ${featureList(list).zh} 个,如“${result.error}”)`,
        en: `${n} value(s) of ${LAYER_LABELS[layer].en} "${label.en}" could not be read or are out of range and were left empty (#${featureList(list).en}, e.g. "${result.error}")`,
      }), f.index, `bad_value:${layer}:${field}`);
    }
    if (result.note === 'mm') {
      warnings.add('assumed_mm', (n, list) => ({
        zh: `${n} 个“${FIELD_LABELS[field].zh}”数值过大,已按毫米换算为米(第 ${featureList(list).zh} 个)`,
        en: `${n} "${FIELD_LABELS[field].en}" value(s) were too large for metres and were read as millimetres (#${featureList(list).en})`,
      }), f.index, `assumed_mm:${field}`);
    }
    out[field] = result.value;
  }
  if (typeof out.note === 'string') out.note = htmlToText(out.note) || null;
  if (layer === 'ditch' && out.kind === null) out.kind = kindFromFolders(f.folderPath, LAYER_FIELDS.ditch.kind);
  if ((layer === 'ditch' || layer === 'blockage') && out.village === null) out.village = villageFromFolders(f.folderPath);
  return out;
}

/** The file fields a layer's columns (and the layer and id columns) take under a mapping. */
function consumedFields(layer: NetworkLayer, mapping: FieldMapping): Set<string> {
  const consumed = new Set<string>([mapping.layer, mapping.id].filter((n): n is string => n !== null));
  for (const field of Object.keys(LAYER_FIELDS[layer]) as NetworkField[]) {
    const source = mapping.fields[field];
    if (source !== undefined) consumed.add(source);
  }
  return consumed;
}

/** Every file field this layer has no column for, under its own name: nothing is dropped. */
function otherAttributes(f: NormalizedFeature, layer: NetworkLayer, consumed: ReadonlySet<string>, warnings: Warnings): Record<string, PropertyValue> {
  const out: Record<string, PropertyValue> = {};
  for (const [key, value] of Object.entries(f.properties)) {
    if (consumed.has(key) || value === null || key.trim() === '') continue;
    // Our own KML export files each layer in a folder named after it: that folder says nothing more.
    if ((key === 'folder' || key === 'kml_folder') && value === LAYER_LABELS[layer].zh) continue;
    let kept: PropertyValue = typeof value === 'string' && looksLikeHtml(value) ? htmlToText(value) : value;
    if (typeof kept === 'string' && kept.length > MAX_ATTRIBUTE_CHARS) {
      kept = shorten(kept, MAX_ATTRIBUTE_CHARS);
      warnings.add('attribute_shortened', (n, list) => ({
        zh: `${n} 个属性值超过 ${MAX_ATTRIBUTE_CHARS} 字,已截短(第 ${featureList(list).zh} 个)`,
        en: `${n} attribute value(s) were longer than ${MAX_ATTRIBUTE_CHARS} characters and were shortened (#${featureList(list).en})`,
      }), f.index);
    }
    out[key.slice(0, 100)] = kept;
    if (Object.keys(out).length >= 200) break;
  }
  return out;
}

/** A note longer than the column keeps its whole text as an attribute and a shortened note, with a warning. */
function fitNote(f: NormalizedFeature, properties: Record<string, string | number | null>, attributes: Record<string, PropertyValue>, noteField: string | undefined, warnings: Warnings): void {
  const note = properties.note;
  if (typeof note !== 'string' || note.length <= MAX_NOTE_CHARS) return;
  attributes[`${noteField ?? 'note'}_full`] = shorten(note, MAX_ATTRIBUTE_CHARS);
  properties.note = shorten(note, MAX_NOTE_CHARS);
  warnings.add('note_shortened', (n, list) => ({
    zh: `${n} 个要素的说明超过 ${MAX_NOTE_CHARS} 字:备注栏只放前 ${MAX_NOTE_CHARS} 字,全文保存在附加属性“${noteField ?? 'note'}_full”中(第 ${featureList(list).zh} 个)`,
    en: `${n} feature(s) have a description over ${MAX_NOTE_CHARS} characters: the note holds the first ${MAX_NOTE_CHARS}, the whole text is kept in the attribute "${noteField ?? 'note'}_full" (#${featureList(list).en})`,
  }), f.index);
}

/** Points stay points; a MultiPoint becomes one point per position (a culvert is one place). */
function explode(geometry: SimpleGeometry): SimpleGeometry[] {
  return geometry.type === 'MultiPoint' ? geometry.coordinates.map((c): Point => ({ type: 'Point', coordinates: c })) : [geometry];
}

/** The note column's length (the contract's text(500)). */
const MAX_NOTE_CHARS = 500;

/** Why a converted position cannot be a place in the township: out of range, not a number, or (0, 0). */
function positionProblem(geometry: SimpleGeometry): Bilingual | null {
  const found = validateGeometry(geometry);
  if (found.length > 0) return (found[0] as (typeof found)[number]).message;
  let zero = false;
  forEachPosition(geometry, (p) => {
    if (p[0] === 0 && p[1] === 0) zero = true;
  });
  return zero ? { zh: '位置是 (0, 0),这是没有定位时的默认值,不是真实位置', en: 'the position is (0, 0), the value written without a fix, not a real place' } : null;
}

/** Refuses the import when any converted feature lands nowhere real, naming the first ones. */
function refuseImpossible(fileName: string, problems: { where: Bilingual; message: Bilingual }[], system: Bilingual): void {
  if (problems.length === 0) return;
  const first = problems[0] as (typeof problems)[number];
  const more = problems.length > 1 ? { zh: `;共 ${problems.length} 个要素`, en: `; ${problems.length} features in all` } : { zh: '', en: '' };
  throw importInvalid(
    fileName,
    'bad_coordinates',
    {
      zh: `按 ${system.zh} 换算后,${first.where.zh}的位置不可能:${first.message.zh}${more.zh}。请确认坐标系选对了,或在原软件中改正这些要素;未导入任何内容`,
      en: `converted as ${system.en}, ${first.where.en} lands at an impossible position: ${first.message.en}${more.en}. Check that the coordinate system is right, or fix these features at the source; nothing was imported`,
    },
    { problems: problems.slice(0, 100) },
  );
}

/** Converts the preview's features to our network in WGS84 under the confirmed CRS and mapping. */
export function toNetworkFeatures(preview: NetworkPreview, options: ToNetworkOptions): NetworkImportResult {
  const opts: ToNetworkOptions = { ...options, mapping: options.mapping ?? preview.suggestedMapping };
  const warnings = new Warnings();
  const features: ImportedNetworkFeature[] = [];
  const { toWgs84, datumWarning } = projection(opts.crs, opts.datumShift);
  if (datumWarning) warnings.note('datum_not_shifted', datumWarning);
  const impossible: { where: Bilingual; message: Bilingual }[] = [];
  const consumed = Object.fromEntries((['ditch', 'culvert', 'blockage', 'area'] as const).map((l) => [l, consumedFields(l, opts.mapping as FieldMapping)])) as Record<NetworkLayer, Set<string>>;
  for (const f of preview.features) {
    const layer = chooseLayer(f, opts, warnings);
    const properties = readProperties(f, layer, opts, warnings);
    const attributes = otherAttributes(f, layer, consumed[layer], warnings);
    fitNote(f, properties, attributes, opts.mapping?.fields.note, warnings);
    const wgs = toWgs84(to2d(f.geometry));
    const problem = positionProblem(wgs);
    if (problem) {
      impossible.push({ where: f.where, message: problem });
      continue;
    }
    if (wgs.type === 'MultiLineString' && wgs.coordinates.length > 1) {
      warnings.add('multiline_split', (n, list) => ({
        zh: `${n} 条多段线各按段数导入为多条沟渠(第 ${featureList(list).zh} 个;如第 ${f.index} 个有 ${wgs.coordinates.length} 段)`,
        en: `${n} multipart line(s) became one ditch per part (#${featureList(list).en}; e.g. #${f.index} has ${wgs.coordinates.length} parts)`,
      }), f.index);
    }
    const parts = explode(wgs);
    if (parts.length > 1) {
      warnings.add('multipoint_split', (n, list) => ({
        zh: `${n} 个多点要素已拆成单独的点(第 ${featureList(list).zh} 个)`,
        en: `${n} multipoint feature(s) were split into single points (#${featureList(list).en})`,
      }), f.index);
    }
    const id = idOf(f, opts.mapping?.id ?? null);
    const hasAttributes = Object.keys(attributes).length > 0;
    parts.forEach((geometry, i) => {
      // Split parts cannot share one id: only the first keeps it. Each part gets its own copies
      // of the attributes (a single part, the common case, takes the ones just built).
      const own = parts.length === 1;
      features.push({ layer, id: i === 0 ? id : null, geometry, properties: own ? properties : { ...properties }, ...(hasAttributes ? { attributes: own ? attributes : { ...attributes } } : {}), sourceIndex: f.index } as unknown as ImportedNetworkFeature);
    });
  }
  refuseImpossible(preview.fileName, impossible, sourceCrsLabel(opts.crs));
  const counts: Record<NetworkLayer, number> = { ditch: 0, culvert: 0, blockage: 0, area: 0 };
  for (const f of features) counts[f.layer]++;
  return { features, counts, warnings: warnings.list() };
}
