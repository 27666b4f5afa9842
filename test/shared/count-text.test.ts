import { describe, expect, it } from 'vitest';
import { countOf } from '../../src-shared/format/count-text';

describe('counts in words', () => {
  it('says "1 row", never "1 rows", and groups thousands', () => {
    expect(countOf(1, 'row')).toBe('1 row');
    expect(countOf(0, 'row')).toBe('0 rows');
    expect(countOf(59388, 'row')).toBe('59,388 rows');
    expect(countOf(2, 'query', 'queries')).toBe('2 queries');
  });
});
