import { useState } from 'react';
import type { IssuedToken } from '../../../../shared/contract/field';
import { useI18n } from '../../i18n/I18n';

type Link = IssuedToken['links'][number];

/** What the phone shows the first time it opens this address, and what to do. */
function FirstVisit({ link }: { link: Link }) {
  const { t } = useI18n();
  if (link.kind === 'county') return <p className="banner banner-ok bk-qr-note" data-testid="qr-first-visit">{t('fieldsrv.qr.county')}</p>;
  if (link.url.startsWith('https:')) return <p className="banner banner-warn bk-qr-note" data-testid="qr-first-visit">{t('fieldsrv.qr.https')}</p>;
  return <p className="muted" data-testid="qr-first-visit">{t('fieldsrv.qr.http')}</p>;
}

/** The QR code of a new phone token's link, shown once (only the token's hash is kept). */
export function QrDialog({ issued, running, onClose }: { issued: IssuedToken; running: boolean; onClose(): void }) {
  const { t } = useI18n();
  const [which, setWhich] = useState(0);
  const link = issued.links[which] ?? issued.links[0];
  return (
    <div className="dialog-backdrop" role="presentation">
      <div className="dialog bk-qr" role="dialog" aria-modal="true" aria-label={t('fieldsrv.qr.title')} data-testid="qr-dialog">
        <h2>
          {issued.token.teamName}
          {issued.token.label ? ` · ${issued.token.label}` : ''}
        </h2>
        <p>{t('fieldsrv.qr.title')}</p>
        {link ? (
          <p className="bk-qr-kind" data-testid="qr-kind">
            <b>{t(link.kind === 'county' ? 'fieldsrv.qr.kindCounty' : 'fieldsrv.qr.kindLan')}</b> {link.address}
          </p>
        ) : null}
        {link?.kind === 'lan' && !running ? <div className="banner banner-warn">{t('fieldsrv.qr.serverOff')}</div> : null}
        {link ? <img className="bk-qr-img" alt={link.url} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(link.qrSvg)}`} /> : null}
        {issued.links.length > 1 ? (
          <label className="bk-crs">
            {t('fieldsrv.qr.address')}
            <select value={which} onChange={(e) => setWhich(Number(e.target.value))}>
              {issued.links.map((l, i) => (
                <option key={l.url} value={i}>
                  {t(l.kind === 'county' ? 'fieldsrv.qr.kindCounty' : 'fieldsrv.qr.kindLan')} · {l.address} {l.url.startsWith('https:') ? 'HTTPS' : 'HTTP'}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <div className="mono bk-qr-url" data-testid="qr-url">
          {link?.url}
        </div>
        {link ? <FirstVisit link={link} /> : null}
        <p className="muted">{t('fieldsrv.qr.once')}</p>
        <div className="actions">
          <button type="button" className="primary" onClick={onClose}>
            {t('fieldsrv.qr.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
