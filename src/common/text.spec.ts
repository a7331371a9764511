import { QUOTE_LIMIT, cutText, plainText, quoteForError, textForError, textProblem, withoutLoneSurrogates } from './text';

describe('textProblem: text that can be stored', () => {
  it.each`
    text                           | expected
    ${'Thủ tục đăng ký khai sinh'} | ${null}
    ${'Khai sinh 👶 𠀀'}            | ${null}
    ${''}                          | ${null}
    ${'\ud800'}                    | ${'is not valid UTF-8 text (a lone surrogate U+D800 at character 1)'}
    ${'abc\udbff'}                 | ${'is not valid UTF-8 text (a lone surrogate U+DBFF at character 4)'}
    ${'\udc00abc'}                 | ${'is not valid UTF-8 text (a lone surrogate U+DC00 at character 1)'}
    ${'ab\udfff\ud800'}            | ${'is not valid UTF-8 text (a lone surrogate U+DFFF at character 3)'}
    ${'👶\ud83d'}                  | ${'is not valid UTF-8 text (a lone surrogate U+D83D at character 3)'}
    ${'Thủ tục ��ăng ký'}          | ${'is not valid UTF-8 text (U+FFFD, left where bytes were not UTF-8, at character 9)'}
  `('$text → $expected', ({ text, expected }) => {
    expect(textProblem(text)).toBe(expected);
  });

  it('sees U+FFFD where the JSON and text body parsers put it for bytes that are not UTF-8', () => {
    const decoded = Buffer.from([0x54, 0x68, 0xe1, 0xbb, 0xa7, 0x20, 0xc4, 0x20, 0xff]).toString('utf8');
    expect(textProblem(decoded)).toBe('is not valid UTF-8 text (U+FFFD, left where bytes were not UTF-8, at character 5)');
  });
});

describe('quoteForError: what an error shows of a value', () => {
  it.each`
    value                         | expected
    ${'Đang xử lý'}               | ${'"Đang xử lý"'}
    ${'a\nb\tc\r'}                | ${'"a\\nb\\tc\\r"'}
    ${'\u0000\u001b\u007f\u0085'} | ${'"\\u0000\\u001B\\u007F\\u0085"'}
    ${'abc\u202edcba\u2066'}      | ${'"abc\\u202Edcba\\u2066"'}
    ${'x\ud800y'}                 | ${'"x\\uD800y"'}
    ${'👶'}                       | ${'"👶"'}
    ${42}                         | ${'42'}
    ${{ a: 1 }}                   | ${'{"a":1}'}
    ${null}                       | ${'null'}
    ${undefined}                  | ${'undefined'}
  `('$value → $expected', ({ value, expected }) => {
    expect(quoteForError(value)).toBe(expected);
  });

  it(`shows at most ${QUOTE_LIMIT} characters of a 1 MB value, then its length`, () => {
    expect(quoteForError('x'.repeat(1_048_576))).toBe(`"${'x'.repeat(60)}…(1048576 characters)"`);
    expect(quoteForError('x'.repeat(60))).toBe(`"${'x'.repeat(60)}"`);
    expect(quoteForError('x'.repeat(61))).toBe(`"${'x'.repeat(60)}…(61 characters)"`);
  });

  it('caps escaped characters too, and never cuts a surrogate pair in half', () => {
    expect(textForError('\u0000'.repeat(1000))).toBe(`${'\\u0000'.repeat(10)}…(1000 characters)`);
    const shown = textForError('a' + '👶'.repeat(100));
    expect(shown.startsWith('a👶')).toBe(true);
    expect(textProblem(shown)).toBeNull();
    expect(shown).toMatch(/…\(201 characters\)$/);
  });

  it('caps a large object', () => {
    expect(quoteForError({ big: 'y'.repeat(10_000) }).length).toBeLessThan(100);
  });
});

describe('plainText', () => {
  it('compares Vietnamese words without accents, case or punctuation', () => {
    expect(plainText('Ngày  tiếp nhận (*)')).toBe('ngay tiep nhan');
  });
});

describe('cutText: a stored text cut to its column', () => {
  it.each`
    text              | max  | expected
    ${'abc'}          | ${5} | ${'abc'}
    ${'abcdef'}       | ${3} | ${'abc'}
    ${'ab👶'}         | ${3} | ${'ab'}
    ${'ab👶'}         | ${4} | ${'ab👶'}
    ${'a👶b'}         | ${3} | ${'a👶'}
    ${'👶👶'}         | ${1} | ${''}
    ${'Đăng ký 𠀀x'}  | ${9} | ${'Đăng ký '}
    ${''}             | ${0} | ${''}
  `('"$text" to $max → "$expected"', ({ text, max, expected }) => {
    const sut = cutText(text, max);
    expect(sut).toBe(expected);
    expect(textProblem(sut)).toBeNull();
  });

  it('never ends on half an emoji, whatever the cut', () => {
    const text = 'Hồ sơ 👶'.repeat(300);
    for (let max = 1; max <= 300; max++) {
      const sut = cutText(text, max);
      expect(sut.length === max || sut.length === max - 1).toBe(true);
      expect(textProblem(sut)).toBeNull();
    }
  });
});

describe('withoutLoneSurrogates', () => {
  it.each`
    text                | expected
    ${'Khai sinh 👶'}   | ${'Khai sinh 👶'}
    ${'a\ud800b'}       | ${'a\uFFFDb'}
    ${'\udc00👶\ud83d'} | ${'\uFFFD👶\uFFFD'}
  `('$text → $expected', ({ text, expected }) => {
    expect(withoutLoneSurrogates(text)).toBe(expected);
  });
});
