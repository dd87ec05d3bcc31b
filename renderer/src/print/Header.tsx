import type { SheetData } from '../../../shared/contract/sheets';
import { issueLabel, zhDate, zhTime } from './format';

/** Shrink the red title so a long township name still fits on one line. */
function titleSize(title: string): string {
  return `${Math.min(24, Math.floor(440 / Math.max(title.length, 1)))}pt`;
}

/** 红头: the red title, 第N期, the issuing office and the date over a red rule; a correction says what it corrects. */
export function SheetHeader({ data }: { data: SheetData }) {
  return (
    <header className="sd-head">
      {data.state === 'draft' && (
        <div className="sd-head-top">
          <span className="sd-draft-stamp" data-testid="sheet-draft-stamp">
            样稿 · 未签发
          </span>
        </div>
      )}
      <h1 className="sd-title" style={{ fontSize: titleSize(data.title) }}>
        {data.title}
      </h1>
      <div className="sd-issue" data-testid="sheet-issue-label">
        {issueLabel(data.number, data.correction)}
      </div>
      <div className="sd-meta">
        <span>{data.issuingOffice}</span>
        <span>{zhDate(data.date)}</span>
      </div>
      <div className="sd-rule" />
      {data.correction > 0 && (
        <p className="sd-correction" data-testid="sheet-correction-note">
          <strong>更正说明：</strong>本期更正{zhDate(data.date)}的{issueLabel(data.number, data.correction - 1)}
          {data.correctsIssuedAt ? `（${zhTime(data.correctsIssuedAt, true)}签发）` : ''}，以本期为准。
          {data.correctionReason ? `更正原因：${data.correctionReason}` : ''}
        </p>
      )}
    </header>
  );
}

/** 签发 / 审核 / 制表 lines at the foot: printed names, or a blank line to sign by hand. */
export function Signatures({ data }: { data: SheetData }) {
  const line = (label: string, name: string) => (
    <span className="sd-sign">
      {label}：<span className="sd-sign-name">{name || '\u3000\u3000\u3000\u3000'}</span>
    </span>
  );
  return (
    <footer className="sd-foot">
      <div className="sd-signs">
        {line('签发', data.signatures.issuer)}
        {line('审核', data.signatures.checker)}
        {line('制表', data.signatures.preparer)}
      </div>
      <div className="sd-imprint">
        <span>{data.issuingOffice}</span>
        <span>{data.issuedAt ? `${zhTime(data.issuedAt, true)} 签发` : `${zhTime(data.generatedAt, true)} 生成（未签发）`}</span>
      </div>
    </footer>
  );
}
