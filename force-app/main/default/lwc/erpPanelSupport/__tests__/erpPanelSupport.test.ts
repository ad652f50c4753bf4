import { format, reduceErrors } from 'c/erpPanelSupport';

describe('c-erp-panel-support', () => {
  it('fills numbered placeholders, every occurrence, in order', () => {
    expect(format('Page {0} of {1} ({0})', 2, 3)).toBe('Page 2 of 3 (2)');
    expect(format('No placeholders')).toBe('No placeholders');
  });

  it('reads Apex errors, JavaScript errors, plain text and lists', () => {
    expect(reduceErrors({ body: { message: 'No access' } }, 'Unknown')).toBe('No access');
    expect(reduceErrors(new Error('Script failed'), 'Unknown')).toBe('Script failed');
    expect(reduceErrors('Plain text', 'Unknown')).toBe('Plain text');
    expect(reduceErrors([{ body: { message: 'One' } }, new Error('Two')], 'Unknown')).toBe(
      'One, Two'
    );
  });

  it('falls back when nothing readable is there', () => {
    expect(reduceErrors(null, 'Unknown')).toBe('Unknown');
    expect(reduceErrors([{ body: { message: 42 } }, {}], 'Unknown')).toBe('Unknown');
  });
});
