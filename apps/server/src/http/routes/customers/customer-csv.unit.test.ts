import { describe, expect, test } from 'vitest';
import { csvField, csvRecord } from './customer-csv.js';

describe('CSV fields, per RFC 4180', () => {
  test.each([
    ['plain text as it is', 'alice', 'alice'],
    ['a number as digits', 42, '42'],
    ['null as an empty field', null, ''],
    ['the empty string as an empty field', '', ''],
    ['a comma inside quotes', 'a,b', '"a,b"'],
    ['double quotes doubled, inside quotes', 'say "hi"', '"say ""hi"""'],
    ['a line feed inside quotes', 'two\nlines', '"two\nlines"'],
    ['a carriage return inside quotes', 'two\rlines', '"two\rlines"'],
    ['a leading space as it is', ' padded', ' padded'],
  ])('writes %s', (_case, value, written) => {
    expect(csvField(value)).toBe(written);
  });

  test.each([
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ['+1 555 0100', "'+1 555 0100"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
  ])('neutralises %j, which a spreadsheet would run as a formula', (value, written) => {
    expect(csvField(value)).toBe(written);
  });

  test('leaves negative numbers and text with a formula sign inside alone', () => {
    expect([csvField(-3), csvField('a=b'), csvField('listener-1')]).toEqual(['-3', 'a=b', 'listener-1']);
  });

  test('ends a record with CRLF', () => {
    expect(csvRecord(['a', null, 'b,c'])).toBe('a,,"b,c"\r\n');
  });
});
