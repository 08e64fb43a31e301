import { truncate } from './customers.service';

describe('truncate', () => {
  it('keeps text up to the limit whole, whitespace tidied', () => {
    expect(truncate('  Where is\nmy order?  ')).toBe('Where is my order?');
    expect(truncate('a'.repeat(140))).toBe('a'.repeat(140));
  });

  it('cuts longer text to the limit, ending with an ellipsis', () => {
    const cut = truncate('a'.repeat(141));
    expect([...cut]).toHaveLength(140);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('never splits a character made of two UTF-16 units', () => {
    const cut = truncate('😀'.repeat(200), 10);
    expect(cut).toBe(`${'😀'.repeat(9)}…`);
  });
});
