import { useRef } from 'react';
import { NETWORK_FILE_ACCEPT } from '../../../../shared/domain/networkFiles';
import { useI18n } from '../../i18n/I18n';

export type FirstData = { kind: 'import'; file: File } | { kind: 'draw' } | { kind: 'sample' };

/** Step 4: how the township's network arrives: a file, drawing, or the sample township. */
export function FirstDataStep({ busy, onFinish }: { busy: boolean; onFinish(choice: FirstData): void }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="setup-step">
      <p className="muted">{t('setup.firstDataHint')}</p>
      <div className="setup-choices">
        <div className="setup-choice">
          <button type="button" className="primary" disabled={busy} onClick={() => input.current?.click()}>
            {t('setup.import')}
          </button>
          <span className="field-hint">{t('setup.importHint')}</span>
          <input
            ref={input}
            type="file"
            hidden
            data-testid="setup-file"
            accept={NETWORK_FILE_ACCEPT}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) onFinish({ kind: 'import', file });
            }}
          />
        </div>
        <div className="setup-choice">
          <button type="button" disabled={busy} onClick={() => onFinish({ kind: 'draw' })}>
            {t('setup.draw')}
          </button>
        </div>
        <div className="setup-choice">
          <button type="button" disabled={busy} onClick={() => onFinish({ kind: 'sample' })}>
            {t('setup.sample')}
          </button>
          <span className="field-hint">{t('setup.sampleHint')}</span>
        </div>
      </div>
    </div>
  );
}
