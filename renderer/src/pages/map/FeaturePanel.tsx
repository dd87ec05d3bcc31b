import { useEffect, useState } from 'react';
import type { NetworkFeature } from '../../../../shared/contract/network';
import type { WireError } from '../../../../shared/contract/errors';
import { BLOCKAGE_STATUS_LABELS, LAYER_LABELS, type BlockageStatus, type Layer } from '../../../../shared/domain/network';
import { ApiError, invoke } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n, type MessageKey } from '../../i18n/I18n';
import { FIELDS, fromForm, toForm, type FieldDef } from './fields';
import { formatArea, formatLength, pick } from './labels';
import { townshipClock } from '../../../../shared/domain/dates';

/** The file's own fields kept on import (NAME_EN, 管理单位, a long description…), read-only, as the file named them. */
function FileAttributes({ attributes }: { attributes: Record<string, string | number | boolean | null> }) {
  const { t } = useI18n();
  const entries = Object.entries(attributes);
  if (entries.length === 0) return null;
  return (
    <details className="file-attributes" data-testid="feature-attributes" open={entries.length <= 8}>
      <summary>
        {t('map.panel.attributes')}（{entries.length}）
      </summary>
      <dl className="attributes-list">
        {entries.map(([k, v]) => (
          <div key={k} style={{ display: 'contents' }}>
            <dt>{k}</dt>
            <dd style={{ whiteSpace: 'pre-wrap' }}>{v === null ? '' : String(v)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

interface Props {
  target: { layer: Layer; id: string };
  /** Bumped by the page after any change (once the map has drawn it), so the panel re-reads the feature. */
  version: number;
  onChanged(): void;
  onClose(): void;
  onMove(feature: NetworkFeature): void;
}

/** The details of one feature, editable in place; saves only the fields that changed. */
export function FeaturePanel({ target, version, onChanged, onClose, onMove }: Props) {
  const { t, locale } = useI18n();
  const [feature, setFeature] = useState<NetworkFeature | null>(null);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [error, setError] = useState<WireError | null>(null);
  const [saved, setSaved] = useState(false);
  const fields = FIELDS[target.layer];

  useEffect(() => {
    setError(null);
    setSaved(false);
  }, [target.layer, target.id]);

  useEffect(() => {
    invoke('network.get', target).then(
      (f) => {
        setFeature(f);
        const props = f.properties as Record<string, unknown>;
        setDraft(Object.fromEntries(fields.map((d) => [d.key, toForm(props[d.key])])));
      },
      (e: unknown) => {
        setFeature(null);
        if (e instanceof ApiError) setError(e.wire);
      },
    );
  }, [target.layer, target.id, version]);

  const props = (feature?.properties ?? {}) as Record<string, unknown>;
  const changed = fields.filter((d) => draft[d.key] !== toForm(props[d.key]));

  const save = async () => {
    if (!feature || changed.length === 0) return;
    setError(null);
    try {
      const properties = Object.fromEntries(changed.map((d) => [d.key, fromForm(d, draft[d.key] ?? '')]));
      // The saved feature comes back with the answer: the panel shows it without reading it again.
      const updated = (await invoke('network.update', { layer: target.layer, id: target.id, properties } as never)) as NetworkFeature;
      setFeature(updated);
      setSaved(true);
      onChanged();
    } catch (e) {
      if (e instanceof ApiError) setError(e.wire);
    }
  };

  const remove = async () => {
    if (!window.confirm(t('map.panel.confirmDelete'))) return;
    try {
      await invoke('network.delete', target);
      onChanged();
      onClose();
    } catch (e) {
      if (e instanceof ApiError) setError(e.wire);
    }
  };

  const input = (d: FieldDef) => {
    const common = {
      id: `f-${d.key}`,
      name: d.key,
      value: draft[d.key] ?? '',
      onChange: (e: { target: { value: string } }) => {
        setSaved(false);
        setDraft({ ...draft, [d.key]: e.target.value });
      },
    };
    if (d.type === 'enum') {
      return (
        <select {...common}>
          {Object.entries(d.options ?? {}).map(([code, label]) => (
            <option key={code} value={code}>
              {pick(label, locale)}
            </option>
          ))}
        </select>
      );
    }
    if (d.type === 'textarea') return <textarea rows={2} {...common} />;
    return <input {...common} type={d.type === 'date' ? 'date' : d.type === 'text' ? 'text' : 'number'} step={d.step ?? (d.type === 'int' ? '1' : undefined)} inputMode={d.type === 'number' ? 'decimal' : undefined} />;
  };

  return (
    <aside className="feature-panel" aria-label={pick(LAYER_LABELS[target.layer], locale)} data-testid="feature-panel" data-feature-id={target.id}>
      <header>
        <span className="layer-tag">{pick(LAYER_LABELS[target.layer], locale)}</span>
        <h2>{String(props.name || pick(LAYER_LABELS[target.layer], locale))}</h2>
        <button type="button" className="icon" onClick={onClose} aria-label={t('map.panel.close')}>
          ×
        </button>
      </header>
      {feature && (
        <dl className="facts">
          {target.layer === 'ditch' && (
            <>
              <dt>{t('map.panel.length')}</dt>
              <dd>{formatLength(Number(props.length_m), locale)}</dd>
            </>
          )}
          {target.layer === 'area' && (
            <>
              <dt>{t('map.panel.area')}</dt>
              <dd>{formatArea(Number(props.area_m2), locale)}</dd>
            </>
          )}
          {target.layer === 'blockage' && (
            <>
              <dt>{t('map.panel.status')}</dt>
              <dd>
                <span className={`status status-${String(props.status)}`}>{pick(BLOCKAGE_STATUS_LABELS[props.status as BlockageStatus], locale)}</span>
                <div className="field-hint">{t('map.panel.statusHint')}</div>
              </dd>
            </>
          )}
          <dt>{t('map.panel.updated')}</dt>
          <dd>{townshipClock(String(props.updated_at))}</dd>
        </dl>
      )}
      {feature && <FileAttributes attributes={(props.attributes ?? {}) as Record<string, string | number | boolean | null>} />}
      <form
        className="form compact"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {fields.map((d) => (
          <div className="field" key={d.key}>
            <label htmlFor={`f-${d.key}`}>{t(`map.f.${d.key}` as MessageKey)}</label>
            {input(d)}
          </div>
        ))}
        <div className="actions">
          <button type="submit" className="primary" disabled={changed.length === 0}>
            {t('map.panel.save')}
          </button>
          {feature && feature.geometry.type === 'Point' && (
            <button type="button" onClick={() => onMove(feature)}>
              {t('map.panel.move')}
            </button>
          )}
          <button type="button" className="danger" onClick={() => void remove()}>
            {t('map.panel.delete')}
          </button>
          {saved && (
            <span className="ok" role="status">
              {t('map.panel.saved')}
            </span>
          )}
        </div>
        <ErrorBanner error={error} />
      </form>
    </aside>
  );
}
