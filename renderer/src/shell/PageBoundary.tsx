import { Component, Suspense, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18n';

type Props = { children: ReactNode; failed: (error: unknown) => ReactNode };

/** A page that throws (its code did not load, a render bug) shows why and a retry, not a blank window. */
class Catch extends Component<Props, { error: unknown }> {
  override state = { error: null as unknown };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    return this.state.error ? this.props.failed(this.state.error) : this.props.children;
  }
}

/**
 * One page of the shell: 正在加载… while its code arrives, a message and 重新加载 if it fails. The
 * window is reloaded because Chromium keeps a module that failed to load failed for the document.
 */
export function PageBoundary({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Catch
      failed={(error) => (
        <div className="fatal" role="alert">
          <p>
            {t('common.pageFailed')}
            {error instanceof Error ? error.message : String(error)}
          </p>
          <button type="button" onClick={() => window.location.reload()}>
            {t('common.reload')}
          </button>
        </div>
      )}
    >
      <Suspense fallback={<div className="loading">{t('common.loading')}</div>}>{children}</Suspense>
    </Catch>
  );
}
