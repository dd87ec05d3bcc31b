import { useState } from 'react';
import type { WireError } from '../../../../shared/contract/errors';
import type { RainOptions, RainStation } from '../../../../shared/contract/rainfall';
import { ApiError, invoke } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n } from '../../i18n/I18n';
import { parseCell } from '../deployments/draft';

const wireOf = (e: unknown): WireError => (e instanceof ApiError ? e.wire : { code: 'internal', message: String(e), messageEn: String(e) });

/** The stations, a form to add one, and how the township's daily value is formed. */
export function StationsCard({ stations, options, onChanged }: { stations: RainStation[]; options: RainOptions; onChanged(): void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [lon, setLon] = useState('');
  const [lat, setLat] = useState('');
  const [error, setError] = useState<WireError | null>(null);

  const add = async () => {
    setError(null);
    const x = parseCell(lon);
    const y = parseCell(lat);
    try {
      await invoke('rainfall.saveStation', { name, lon: typeof x === 'number' ? x : null, lat: typeof y === 'number' ? y : null });
      setName('');
      setLon('');
      setLat('');
      onChanged();
    } catch (e) {
      setError(wireOf(e));
    }
  };
  const remove = async (s: RainStation) => {
    if (!window.confirm(t('rain.station.confirmDelete', { name: s.name }))) return;
    setError(null);
    try {
      await invoke('rainfall.deleteStation', { id: s.id });
      onChanged();
    } catch (e) {
      setError(wireOf(e));
    }
  };
  const choose = async (value: string) => {
    setError(null);
    try {
      await invoke('rainfall.setOptions', value === 'mean' ? { townshipValue: 'mean', stationId: null } : { townshipValue: 'station', stationId: value });
      onChanged();
    } catch (e) {
      setError(wireOf(e));
    }
  };

  return (
    <section className="card">
      <h2>{t('rain.stations')}</h2>
      <table className="table compact" data-testid="rain-stations">
        <thead>
          <tr>
            <th>{t('rain.station.name')}</th>
            <th className="num">{t('rain.station.lon')}</th>
            <th className="num">{t('rain.station.lat')}</th>
            <th className="num">{t('rain.station.days')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {stations.map((s) => (
            <tr key={s.id}>
              <td>{s.name}</td>
              <td className="num">{s.lon ?? '—'}</td>
              <td className="num">{s.lat ?? '—'}</td>
              <td className="num">{s.readings}</td>
              <td>
                <button type="button" className="danger small" onClick={() => void remove(s)}>
                  {t('rain.station.delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="rain-station-form"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <input aria-label={t('rain.station.name')} placeholder={t('rain.station.name')} value={name} onChange={(e) => setName(e.target.value)} />
        <input aria-label={t('rain.station.lon')} placeholder={t('rain.station.lon')} inputMode="decimal" value={lon} onChange={(e) => setLon(e.target.value)} />
        <input aria-label={t('rain.station.lat')} placeholder={t('rain.station.lat')} inputMode="decimal" value={lat} onChange={(e) => setLat(e.target.value)} />
        <button type="submit">{t('rain.station.add')}</button>
      </form>
      <div className="field rain-option">
        <label htmlFor="rain-township-value">{t('rain.townshipValue')}</label>
        <select id="rain-township-value" value={options.townshipValue === 'mean' ? 'mean' : (options.stationId ?? 'mean')} onChange={(e) => void choose(e.target.value)}>
          <option value="mean">{t('rain.mean')}</option>
          {stations.map((s) => (
            <option key={s.id} value={s.id}>
              {t('rain.oneStation')}
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <ErrorBanner error={error} />
    </section>
  );
}
