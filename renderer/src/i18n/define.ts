/** One area's texts; English must have exactly the keys Chinese has, or tsc fails. */
export function defineMessages<Z extends Record<string, string>>(m: { zh: Z; en: Record<keyof Z, string> }) {
  return m;
}
