/**
 * The demo township, modelled on the season in DESIGN.md section 1. Every part of the demo (network,
 * rainfall, deployments, blockages) reads these, so the totals agree everywhere.
 */
export const DEMO = {
  townshipName: '三合乡（示例）',
  issuingOffice: '三合乡防汛抗旱指挥部办公室',
  seasonStart: '2026-06-01',
  /** The demo's "today": the last day with data. */
  today: '2026-08-10',
  center: { lon: 124.2, lat: 43.4 },
  villages: ['三合堡村', '兴隆村', '永安村', '太平村', '新发村', '长胜村'],
  seed: 20260810,
  rain: { seasonMm: 390.2, lastYearSeasonMm: 214.3, stations: ['三合堡站', '兴隆站', '永安站'] },
  /** Deployment on "today". */
  today_deployment: { people: 700, excavators: 45, longArmExcavators: 7, dumpTrucks: 31, pumps: 196 },
  /** Season works to date. */
  works: {
    culvertsLaid: 260,
    culvertMeters: 520,
    fieldDitchMeters: 36_500,
    clearedDitchMeters: 210_000,
    /** Storage of the cleared ditches: 210,000 m × 5 m² section. */
    clearedStorageM3: 1_050_000,
  },
  /** The cleared ditches' standard section: A = (b + z·h)·h = (1.5 + 2·1.25)·1.25 = 5 m². */
  clearedSection: { bottom_width_m: 1.5, depth_m: 1.25, side_slope: 2, manning_n: 0.025, slope: 0.0005 },
} as const;

export type DemoConstants = typeof DEMO;
