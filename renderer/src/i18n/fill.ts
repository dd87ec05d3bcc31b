/** Put values into a message: fill('上游还有 {n} 个堵点', { n: 3 }); an unknown {name} stays as written. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
