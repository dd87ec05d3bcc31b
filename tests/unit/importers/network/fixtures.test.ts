import { describe, expect, it } from 'vitest';
import { buildFixtures } from '../../../fixtures/network/build/fixtures';
import { fixture } from './helpers';

describe('network fixtures', () => {
  it('are exactly what the fixture builder makes, and small', () => {
    for (const [name, bytes] of Object.entries(buildFixtures())) {
      expect(Buffer.from(fixture(name)).equals(Buffer.from(bytes)), `${name} is stale: run npx tsx tests/fixtures/network/build/make-fixtures.ts`).toBe(true);
      expect(bytes.length).toBeLessThan(50 * 1024);
    }
  });
});
