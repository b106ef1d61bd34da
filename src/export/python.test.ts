// Identifiers and literals for generated Python: unit tests of the sanitiser and escaper.
// (The generated files themselves are checked with Python in pytorch/safety.test.ts.)
import { describe, expect, it } from 'vitest';
import { isSafeIdentifier, mdText, pyFloat, PythonNamer, pyStr, pyValue, snakeWord } from './python.ts';
import { HOSTILE_LABELS } from './pytorch/cases.testing.ts';

describe('PythonNamer', () => {
  it('makes snake_case ASCII identifiers from labels', () => {
    const n = new PythonNamer();
    expect(n.name('Photo CNN')).toBe('photo_cnn');
    expect(n.name('Café au lait')).toBe('cafe_au_lait');
    expect(n.name('audioEncoder')).toBe('audio_encoder');
    expect(n.name('  --weird**name--  ')).toBe('weird_name');
  });

  it('never gives a keyword, builtin, generated name or nn.Module attribute', () => {
    const n = new PythonNamer();
    for (const word of ['class', 'lambda', 'None', 'self', 'forward', 'torch', 'F', 'nn', 'return_probes', 'outputs', 'training', 'state_dict', 'sum', 'type', 'match', '_']) {
      const name = n.name(word);
      expect(isSafeIdentifier(name), `${word} → ${name}`).toBe(true);
    }
    expect(new PythonNamer().name('class')).toBe('class_');
  });

  it('falls back for labels with no ASCII letters, and prefixes digits', () => {
    const n = new PythonNamer();
    expect(n.name('日本語', 'n7')).toBe('n7');
    expect(n.name('📷', '🙂', 'image')).toBe('image');
    expect(n.name('', '')).toBe('n');
    expect(n.name('3 layers')).toBe('n3_layers');
  });

  it('keeps names unique', () => {
    const n = new PythonNamer();
    expect([n.name('a'), n.name('a'), n.name('A'), n.name('a_2')]).toEqual(['a', 'a_2', 'a_3', 'a_2_2']);
  });

  it('turns every hostile label into a safe identifier', () => {
    const n = new PythonNamer();
    for (const label of HOSTILE_LABELS) {
      const name = n.name(label, 'fallback');
      expect(isSafeIdentifier(name), JSON.stringify(label)).toBe(true);
      expect(name.length).toBeLessThanOrEqual(45);
    }
  });

  it('snakeWord strips everything but ASCII letters, digits and single underscores', () => {
    expect(snakeWord('"""; import os; os.system("echo pwned") #')).toBe('import_os_os_system_echo_pwned');
    expect(snakeWord('\n__import__(\'os\')')).toBe('import_os');
    expect(snakeWord('\u202eevil\u202c')).toBe('evil');
  });
});

describe('pyStr', () => {
  it('escapes quotes, backslashes, line breaks, controls and bidi overrides', () => {
    expect(pyStr("it's")).toBe("'it\\'s'");
    expect(pyStr('a\\b')).toBe("'a\\\\b'");
    expect(pyStr('a\nb\r\tc')).toBe("'a\\nb\\r\\tc'");
    expect(pyStr('x\u0000y')).toBe("'x\\x00y'");
    expect(pyStr('\u202eevil')).toBe("'\\u202eevil'");
    expect(pyStr('a\u2028b\u2029c\u0085')).toBe("'a\\u2028b\\u2029c\\x85'");
    expect(pyStr('Фото 📷')).toBe("'Фото 📷'");
    expect(pyStr('\ud800')).toBe("'\\ud800'");
  });

  it('always gives one line without a raw quote or control character', () => {
    for (const label of HOSTILE_LABELS) {
      const lit = pyStr(label);
      // No control, format (bidi), separator or surrogate character survives raw.
      expect([...lit].filter((ch) => /[\p{C}\p{Zl}\p{Zp}]/u.test(ch))).toEqual([]);
      expect(lit.slice(1, -1)).not.toMatch(/(^|[^\\])(\\\\)*'/);
    }
  });
});

describe('literals', () => {
  it('writes floats, ints, booleans and tuples', () => {
    expect(pyFloat(1)).toBe('1.0');
    expect(pyFloat(1e-5)).toBe('0.00001');
    expect(pyFloat(1e-7)).toBe('1e-7');
    expect(pyValue([3])).toBe('(3,)');
    expect(pyValue([1, 2])).toBe('(1, 2)');
    expect(pyValue(true)).toBe('True');
    expect(pyValue('a\'b')).toBe("'a\\'b'");
    expect(() => pyFloat(Number.NaN)).toThrow();
  });

  it('mdText leaves no HTML or Markdown markup', () => {
    expect(mdText('<script>alert(1)</script>')).toBe('&lt;script&gt;alert\\(1\\)&lt;/script&gt;');
    expect(mdText('a|b\n`c`')).toBe('a\\|b \\`c\\`');
  });
});
