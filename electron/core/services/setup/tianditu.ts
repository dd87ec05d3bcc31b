import { AppError } from '../../../../shared/contract/errors';

/** One small tile of Tianditu's vector layer near the middle of China, fetched to try a key. */
export function tiandituProbeUrl(key: string): string {
  return `https://t0.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX=3&TILEROW=3&TILECOL=6&tk=${encodeURIComponent(key)}`;
}

/**
 * Ask Tianditu for one tile with the key: an image means the key works; Tianditu answers a refused
 * key with HTTP 403/418 or an XML/JSON error; no answer at all means this PC is offline.
 */
export async function testTiandituKey(key: string, fetchImpl: typeof fetch = fetch, timeoutMs = 8000): Promise<{ ok: true }> {
  let res: Response;
  try {
    res = await fetchImpl(tiandituProbeUrl(key), { signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    throw new AppError('unavailable', {
      zh: '连不上天地图（t0.tianditu.gov.cn）：这台电脑可能没有联网。可以先选“无底图”，联网后再到 设置 → 底图 填写密钥。',
      en: 'Cannot reach Tianditu (t0.tianditu.gov.cn): this PC may be offline. Choose "no basemap" for now and add the key in Settings → Basemap when online.',
    });
  }
  const type = res.headers.get('content-type') ?? '';
  if (res.ok && type.startsWith('image/')) return { ok: true };
  const body = (await res.text().catch(() => '')).slice(0, 300);
  throw new AppError('invalid_input', {
    zh: `天地图拒绝了这个密钥（HTTP ${res.status}${body.includes('权限') || body.includes('key') ? '，密钥无效或未开通“浏览器端”服务' : ''}）。请到天地图开发者平台核对密钥，注意选择“浏览器端”类型。`,
    en: `Tianditu refused this key (HTTP ${res.status}). Check the key on the Tianditu developer console; it must be of the "browser" type.`,
  });
}
