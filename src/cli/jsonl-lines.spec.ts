import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileLine, countLines, readLines } from './jsonl-lines';
import { readEnvelopeLine } from './replay-envelope';

describe('readLines', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'jsonl-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function linesOf(content: Buffer | string, maxBytes = 1000): Promise<FileLine[]> {
    const path = join(dir, 'file.jsonl');
    writeFileSync(path, content);
    const lines: FileLine[] = [];
    for await (const line of readLines(path, maxBytes)) lines.push(line);
    expect(await countLines(path)).toBe(lines.length);
    return lines;
  }

  it('numbers every line from 1, blank ones too, with \\r\\n ends, a BOM and no final line end', async () => {
    expect(await linesOf('\uFEFF{"a":1}\r\n\r\n{"b":"Việt"}\n{"c":3}')).toEqual([
      { number: 1, text: '{"a":1}' },
      { number: 2, text: '' },
      { number: 3, text: '{"b":"Việt"}' },
      { number: 4, text: '{"c":3}' },
    ]);
  });

  it('reads a line that runs over many chunks of the stream, multi-byte letters cut anywhere', async () => {
    const long = 'ệ'.repeat(100_000);
    const lines = await linesOf(`x\n${long}\ny\n`, 1_000_000);
    expect(lines.map((line) => ('text' in line ? line.text.length : line.problem))).toEqual([1, 100_000, 1]);
  });

  it('names a line too long to keep and one that is not UTF-8, and reads on', async () => {
    const lines = await linesOf(Buffer.concat([Buffer.from(`${'x'.repeat(2000)}\nok\n`), Buffer.from([0xc3, 0x28, 0x0a]), Buffer.from('end')]));
    expect(lines).toEqual([
      { number: 1, problem: 'longer than 1000 bytes' },
      { number: 2, text: 'ok' },
      { number: 3, problem: 'not UTF-8 text' },
      { number: 4, text: 'end' },
    ]);
  });
});

describe('readEnvelopeLine', () => {
  const name = 'Nguyễn Thị Mười Hai';

  it.each`
    text                                                           | expected
    ${'   '}                                                       | ${{ kind: 'blank' }}
    ${`{"service":"DongBoHoSoMC","data":[{"ChuHoSo":${name}}]}`}   | ${{ kind: 'refused', reason: 'the line is not JSON' }}
    ${`{"service":"DongBoHoSoMC","data":[{"ChuHoSo":"${name}"`}    | ${{ kind: 'refused', reason: 'the line is not JSON (at character 67)' }}
    ${'{"service":"DongBoHoSoMC","data":'}                         | ${{ kind: 'refused', reason: 'the line is not JSON (it ends before the JSON does)' }}
    ${`["${name}"]`}                                               | ${{ kind: 'refused', reason: expect.stringContaining('not a DVCQG envelope') }}
    ${'{"service":"TraCuuHoSo","data":[{"MaHoSo":"X"}]}'}          | ${{ kind: 'lookup' }}
  `('reads $text as $expected.kind, never quoting it', ({ text, expected }) => {
    const item = readEnvelopeLine({ number: 7, text });
    expect(item).toMatchObject({ line: 7, ...expected });
    expect(JSON.stringify(item)).not.toContain(name);
  });

  it('drops the captured session and lists the dossier codes the envelope touches', () => {
    const text = JSON.stringify({ session: 'someone-elses', service: 'CapNhatTienDoHoSoMC', data: [{ MaHoSo: ' A-1 ' }, { MaHoSo: 'A-1' }, { MaHoSo: 'B-2' }, {}, 'x'] });
    const item = readEnvelopeLine({ number: 1, text });
    expect(item).toMatchObject({ kind: 'envelope', codes: ['A-1', 'B-2'] });
    expect(item.kind === 'envelope' && 'session' in item.body).toBe(false);
    expect(readEnvelopeLine({ number: 2, text: '{"service":"DongBoHoSoMC","data":{"MaHoSo":"C-3"}}' })).toMatchObject({ codes: ['C-3'] });
  });
});
