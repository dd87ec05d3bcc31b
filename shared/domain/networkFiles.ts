/**
 * The file names the network import takes, by extension. One list for the importer (which reads
 * the bytes and uses the name only as a hint) and for every file picker that offers an import, so
 * the first-run setup and the map's import dialog cannot drift apart.
 */
export const NETWORK_FILE_EXTENSIONS = ['kml', 'ovkml', 'kmz', 'ovkmz', 'json', 'geojson', 'zip', 'csv', 'txt', 'tsv', 'gpkg', 'xlsx'] as const;
export type NetworkFileExtension = (typeof NETWORK_FILE_EXTENSIONS)[number];

/** The `accept` attribute of a file input for a network import. */
export const NETWORK_FILE_ACCEPT = NETWORK_FILE_EXTENSIONS.map((ext) => `.${ext}`).join(',');
