/**
 * The path of a request, read defensively (issue 16: `GET //[ HTTP/1.1` once threw an uncaught
 * `Invalid URL` and took every port down). Only origin-form targets (`/path?query`) are ours;
 * absolute-form (`http://host/…`), authority-form (`host:port`), asterisk-form (`*`), control
 * characters, backslashes, broken percent-escapes and anything the URL parser refuses answer null,
 * and the caller says 400. The path stays percent-encoded: each route decodes what it needs.
 */
export function requestPath(rawTarget: string | undefined): string | null {
  if (!rawTarget || rawTarget.length > 8192 || !rawTarget.startsWith('/')) return null;
  // `//x` would be read as a host by the URL parser; collapse leading slashes first.
  const target = rawTarget.replace(/^\/+/, '/');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(target)) return null;
  let url: URL;
  try {
    url = new URL(target, 'http://host.invalid');
  } catch {
    return null;
  }
  if (url.host !== 'host.invalid') return null;
  return decodeSegment(url.pathname) === null ? null : url.pathname;
}

/** A percent-encoded path segment decoded, or null when its escapes are broken. */
export function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
