import { describe, expect, it } from 'vitest';
import { UrlState, UrlStateError, withParams } from './url-state.js';

describe('UrlState', () => {
  it('reads allowed values and falls back to defaults', () => {
    const s = new UrlState(new URLSearchParams('view=table&category=activity,update&category=timer&page=3'));
    expect(s.one('view', ['timeline', 'table'] as const, 'timeline')).toBe('table');
    expect(s.one('order', ['asc', 'desc'] as const, 'asc')).toBe('asc');
    expect(s.many('category', ['activity', 'timer', 'update'] as const)).toEqual(['activity', 'update', 'timer']);
    expect(s.page()).toBe(3);
    expect(() => s.check()).not.toThrow();
  });

  it('names every bad parameter', () => {
    const s = new UrlState(new URLSearchParams('view=graph&category=activity,bogus&site=x&page=0'));
    s.one('view', ['timeline', 'table'] as const, 'timeline');
    s.many('category', ['activity'] as const);
    s.uuid('site');
    s.page();
    expect(() => s.check()).toThrow(UrlStateError);
    expect(s.problems).toEqual([
      '?view=graph is not one of timeline, table',
      '?category=bogus is not one of activity',
      '?site=x is not a valid id',
      '?page=0 is not a page number',
    ]);
  });

  it('builds shareable links with changed parameters', () => {
    const url = new URL('http://x/fleet?status=offline&page=2');
    expect(withParams(url, { page: undefined })).toBe('/fleet?status=offline');
    expect(withParams(url, { severity: ['high', 'critical'] })).toBe('/fleet?status=offline&page=2&severity=high%2Ccritical');
  });
});
