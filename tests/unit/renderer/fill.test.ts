import { describe, expect, it } from 'vitest';
import { fill } from '../../../renderer/src/i18n/fill';

describe('message placeholders', () => {
  it('fills every named value and leaves unknown names as written', () => {
    expect(fill('上游还有 {n} 个堵点（{name}）', { n: 3, name: '东沟' })).toBe('上游还有 3 个堵点（东沟）');
    expect(fill('第 {n} 期 {missing}', { n: 12 })).toBe('第 12 期 {missing}');
  });
});
