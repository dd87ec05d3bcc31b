import type { WireError } from '../../../shared/contract/errors';
import { useI18n } from '../i18n/I18n';

/** A core error shown the way users read it: title, message in the UI language. */
export function ErrorBanner({ error }: { error: WireError | null }) {
  const { t, errorText } = useI18n();
  if (!error) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="error-banner">
      <strong>{t('common.errorTitle')}：</strong>
      {errorText(error)}
    </div>
  );
}
