import { describe, expect, it } from 'vitest';
import { showValue } from '../../../renderer/src/pages/sync/columns';

describe('a conflict card shows stored values as the office reads them', () => {
  it('says what a shape is and where it starts and ends instead of printing its GeoJSON', () => {
    const line = JSON.stringify({ type: 'LineString', coordinates: [[125.1, 45.1], [125.102, 45.1005], [125.104, 45.101]] });
    expect(showValue('ditch', 'geometry', line, 'zh')).toBe('线，3 个点：125.10000, 45.10000 → 125.10400, 45.10100');
    expect(showValue('ditch', 'geometry', line, 'en')).toBe('Line, 3 points: 125.10000, 45.10000 → 125.10400, 45.10100');
    expect(showValue('blockage', 'geometry', JSON.stringify({ type: 'Point', coordinates: [125.123456, 45.2] }), 'zh')).toBe('点 125.12346, 45.20000');
    const ring = [[125, 45], [125.01, 45], [125.01, 45.01], [125, 45]];
    expect(showValue('area', 'geometry', JSON.stringify({ type: 'Polygon', coordinates: [ring] }), 'zh')).toBe('面，4 个点，起于 125.00000, 45.00000');
  });

  it('lists a file’s extra fields as name: value and shows none as a dash', () => {
    expect(showValue('ditch', 'attributes', '{}', 'zh')).toBe('—');
    expect(showValue('ditch', 'attributes', JSON.stringify({ 权属: '兴隆村', 年份: 2019 }), 'zh')).toBe('权属: 兴隆村；年份: 2019');
  });

  it('keeps text that is not JSON as it is', () => {
    expect(showValue('ditch', 'geometry', 'not json', 'zh')).toBe('not json');
    expect(showValue('ditch', 'attributes', 'oops', 'zh')).toBe('oops');
  });
});
