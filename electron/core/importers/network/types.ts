/**
 * Shapes of a drainage-network import: what a file parses into (the preview the user checks),
 * the field mapping they confirm, and the network features that come out. Pure types, no Node:
 * the contract may re-export them for the renderer.
 */
import type { LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { Bilingual } from '../../../../shared/contract/errors';
import type { DatumShift, SourceCrs } from '../../../../shared/geo/projected';
import type { GeometryKind, SimpleGeometry } from '../../../../shared/geo/geometry';

/** File formats the network importer reads. */
export type NetworkFormat = 'geojson' | 'kml' | 'kmz' | 'shapefile' | 'csv' | 'gpkg' | 'xlsx';

/** Our four map layers. */
export type NetworkLayer = 'ditch' | 'culvert' | 'blockage' | 'area';

/** A property value as read from a file, flattened to a scalar. */
export type PropertyValue = string | number | boolean | null;

/** One feature as read from the file: coordinates still in the file's system, properties as named there. */
export interface NormalizedFeature {
  /** 1-based, unique, in file order: the number messages and `layerOverrides` use. */
  index: number;
  /** Where in the file, for messages: "line 12", "placemark 3 "一号支沟"", "沟渠.shp record 4". */
  where: Bilingual;
  /** The file's own id for it (GeoJSON feature id, KML Placemark id), or null. */
  id: string | null;
  /** Geometry in the file's coordinate system, validated (finite, in range, enough positions). */
  geometry: SimpleGeometry;
  /** Point, line or polygon. */
  kind: GeometryKind;
  /** Attributes under the file's own names. KML folder paths are also here as `folder`. */
  properties: Record<string, PropertyValue>;
  /** KML folders from the outermost in; empty for other formats. */
  folderPath: string[];
  /** The file's grouping: KML top folder, shapefile name, GeoJSON `layer` property; null if none. */
  sourceLayer: string | null;
  /** The layer toNetworkFeatures would give it with the suggested mapping. */
  suggestedLayer: NetworkLayer;
}

/** A property name found in the file, with a few of its values so the user can recognise it. */
export interface FieldInfo {
  name: string;
  /** Up to five distinct non-empty values, as text. */
  samples: string[];
  /** How many features have a non-empty value. */
  filled: number;
}

/** Our property names, across all layers. */
export type NetworkField =
  | 'name'
  | 'kind'
  | 'village'
  | 'bottom_width_m'
  | 'depth_m'
  | 'side_slope'
  | 'manning_n'
  | 'slope'
  | 'condition'
  | 'work'
  | 'work_date'
  | 'diameter_m'
  | 'length_m'
  | 'barrels'
  | 'material'
  | 'laid_date'
  | 'status'
  | 'reported_at'
  | 'note'
  | 'runoff_coefficient';

/** Which of the file's properties feed which of ours. */
export interface FieldMapping {
  /** File property naming each feature's layer (ours is `layer`); null: decide by geometry and hints. */
  layer: string | null;
  /** File property holding a stable id (ours is `id`); null: use the file's own feature id. */
  id: string | null;
  /** For each of our fields, the file property to read it from; absent: leave empty. */
  fields: Partial<Record<NetworkField, string>>;
  /** What points become: 'auto' looks at folder and name (涵 → culvert, 堵 → blockage), then defaults to blockage. */
  points: 'auto' | 'culvert' | 'blockage';
}

/** Something the user should know that did not stop the import. */
export interface ImportWarning {
  code: string;
  message: Bilingual;
  /** The feature numbers concerned (first 50), when it is about features. */
  features?: number[];
}

/** Counts shown on the preview. */
export interface PreviewCounts {
  total: number;
  byGeometry: Record<GeometryKind, number>;
  /** By the layer each feature would get with the suggested mapping. */
  byLayer: Record<NetworkLayer, number>;
  /** By the file's own grouping (KML folder, shapefile name); '' for ungrouped. */
  bySourceLayer: Record<string, number>;
}

/** What parsing a file gives: everything the user needs to confirm the import. */
export interface NetworkPreview {
  fileName: string;
  format: NetworkFormat;
  /** Text encoding used to read it (e.g. 'utf-8', 'gbk'), null when it does not apply. */
  encoding: string | null;
  /** The coordinate system the file is in, when the file says or its origin shows; null: ask the user. */
  detectedCrs: SourceCrs | null;
  /** Why detectedCrs is what it is. */
  crsReason: Bilingual;
  features: NormalizedFeature[];
  counts: PreviewCounts;
  fields: FieldInfo[];
  suggestedMapping: FieldMapping;
  warnings: ImportWarning[];
}

/** Ditch kinds: 条田沟 field · 支沟 branch · 干沟 main · 河道 river. */
export type DitchKind = 'field' | 'branch' | 'main' | 'river';
/** 通畅 clear · 淤积 silted · 堵塞 blocked. */
export type DitchCondition = 'clear' | 'silted' | 'blocked';
/** 原有 existing · 新挖 dug this season · 清淤 cleared this season. */
export type DitchWork = 'existing' | 'dug' | 'cleared';
/** 上报 → 已派工 → 处理中 → 已疏通 → 已验收, or 误报. */
export type BlockageStatus = 'reported' | 'assigned' | 'in_progress' | 'cleared' | 'verified' | 'rejected';
/** 村 village · 地块 field block · 汇水区 catchment. */
export type AreaKind = 'village' | 'field_block' | 'catchment';

/** A ditch's attributes; null means not given. Dates are YYYY-MM-DD. */
export interface DitchProperties {
  name: string | null;
  kind: DitchKind | null;
  village: string | null;
  bottom_width_m: number | null;
  depth_m: number | null;
  side_slope: number | null;
  manning_n: number | null;
  slope: number | null;
  condition: DitchCondition | null;
  work: DitchWork | null;
  work_date: string | null;
  note: string | null;
}

/** A culvert's attributes. */
export interface CulvertProperties {
  name: string | null;
  diameter_m: number | null;
  length_m: number | null;
  barrels: number | null;
  material: string | null;
  laid_date: string | null;
  note: string | null;
}

/** A blockage point's attributes; reported_at is a UTC ISO-8601 timestamp. */
export interface BlockageProperties {
  name: string | null;
  status: BlockageStatus | null;
  reported_at: string | null;
  village: string | null;
  note: string | null;
}

/** An area's attributes. */
export interface AreaProperties {
  name: string | null;
  kind: AreaKind | null;
  runoff_coefficient: number | null;
  note: string | null;
}

interface LayerFeature<L extends NetworkLayer, G, P> {
  layer: L;
  id: string | null;
  /** WGS84, [lon, lat] only. */
  geometry: G;
  properties: P;
  /** The file's other fields under their own names (nothing is dropped); absent when there are none. */
  attributes?: Record<string, PropertyValue>;
}

/** A ditch: a line. */
export type DitchFeature = LayerFeature<'ditch', LineString | MultiLineString, DitchProperties>;
/** A culvert: a point. */
export type CulvertFeature = LayerFeature<'culvert', Point, CulvertProperties>;
/** A blockage point. */
export type BlockageFeature = LayerFeature<'blockage', Point, BlockageProperties>;
/** An area: a polygon. */
export type AreaFeature = LayerFeature<'area', Polygon | MultiPolygon, AreaProperties>;

/** One feature of our network, in WGS84 with our property names: what gets stored and exported. */
export type NetworkFeature = DitchFeature | CulvertFeature | BlockageFeature | AreaFeature;

/** A network feature plus the number of the file feature it came from. */
export type ImportedNetworkFeature = NetworkFeature & { sourceIndex: number };

/** Options for toNetworkFeatures. */
export interface ToNetworkOptions {
  /** The system the file's coordinates are in (the user confirms preview.detectedCrs). */
  crs: SourceCrs;
  /** Seven parameters to WGS84 for Xian 1980 / Beijing 1954 systems, when the user has them. */
  datumShift?: DatumShift;
  /** Defaults to preview.suggestedMapping. */
  mapping?: FieldMapping;
  /** Per-feature layer chosen by the user, keyed by NormalizedFeature.index. */
  layerOverrides?: Record<number, NetworkLayer>;
}

/** What toNetworkFeatures gives. */
export interface NetworkImportResult {
  features: ImportedNetworkFeature[];
  counts: Record<NetworkLayer, number>;
  warnings: ImportWarning[];
}
