import { AppError } from '../../../shared/contract/errors';
import { appCsp } from '../../../shared/security/csp';
import { readStatic, resolveStaticPath } from '../host/staticFiles';

/** How long the print view may take to say it is ready before the render is given up. */
export const READY_TIMEOUT_MS = 60_000;

/** Options Chromium prints the sheet with; the page size and margins come from the view's CSS. */
export const SHEET_PDF_OPTIONS = { format: 'A4', printBackground: true, preferCSSPageSize: true } as const;

/** The page the print view is laid out in: A4 wide, and twice the pixels so the map prints sharp. */
export const PRINT_CONTEXT = { viewport: { width: 794, height: 1123 }, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } as const;

/**
 * The origin the print view is loaded from. Nothing listens there: every request to it is answered
 * in process from the built renderer's files, and every other request is refused, so the page sees
 * no API at all, only the sheet data it is handed.
 */
export const PRINT_ORIGIN = 'http://print.draindesk.invalid';

/** The answer to one request of the print view: a built renderer file, a 404, or refused (another origin). */
export type PrintFileAnswer = { status: number; headers: Record<string, string>; body: Buffer | string } | 'refuse';

/** Answer a print view request from the built renderer's files in `dir`; anything not on PRINT_ORIGIN is refused. */
export function printFileAnswer(dir: string, requestUrl: string): PrintFileAnswer {
  const url = new URL(requestUrl);
  if (url.origin !== PRINT_ORIGIN) return 'refuse';
  const file = resolveStaticPath(dir, url.pathname);
  if (!file) return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'not found' };
  const { body, type } = readStatic(file);
  const headers: Record<string, string> = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' };
  if (type.startsWith('text/html')) headers['Content-Security-Policy'] = appCsp();
  return { status: 200, headers, body };
}

/** The view's drawing as the user reads a failure of it: the view's own message, first line. */
export function drawFailed(error: unknown): AppError {
  const message = error instanceof Error ? error.message.replace(/^(page\.evaluate: )?(Error: )?/, '').split('\n')[0]! : String(error);
  return new AppError('internal', { zh: `调度日报无法生成：${message}`, en: `The sheet could not be drawn: ${message}` });
}

/** `drawing`, or a timeout error once `timeoutMs` has passed without it settling. */
export async function withinReadyTimeout<T>(drawing: Promise<T>, timeoutMs = READY_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AppError('internal', { zh: `调度日报打印页面 ${timeoutMs / 1000} 秒内未就绪`, en: `The sheet print view was not ready within ${timeoutMs / 1000} s` })),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([drawing, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The error for a print view that did not open (its HTML missing, or its script not run). */
export function printViewMissing(status: number | null): AppError {
  return new AppError('not_found', {
    zh: `调度日报打印页面没有打开（HTTP ${status ?? '无响应'}）；界面文件可能缺失或正在重新构建，请稍后重试`,
    en: `The sheet print view did not open (HTTP ${status ?? 'no response'}); the UI files may be missing or being rebuilt; try again`,
  });
}
