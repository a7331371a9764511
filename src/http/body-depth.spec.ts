import { depthBeyond } from './body-depth';

describe('depthBeyond', () => {
  const nested = (levels: number) => {
    let value: unknown = 1;
    for (let i = 0; i < levels; i++) value = i % 2 === 0 ? [value] : { x: value };
    return value;
  };
  it.each([
    ['a batch of records', { dossiers: [{ code: 'A', status: 'resolved' }] }, 32, false],
    ['exactly at the bound', nested(32), 32, false],
    ['one level past it', nested(33), 32, true],
    ['100,000 levels, without overflowing the stack', nested(100_000), 32, true],
    ['plain values', 'text', 1, false],
  ])('%s', (_case, value, limit, beyond) => {
    expect(depthBeyond(value, limit)).toBe(beyond);
  });
});
