import { describe, expect, it } from 'vitest';
import { corrections, editDistance, MAX_QUERY_WORDS, queryWords, titleQuery } from './spelling';

describe('queryWords', () => {
  it('keeps letters and digits only, lowercased, so no tsquery syntax gets through', () => {
    expect(queryWords("Don't Stop!")).toEqual(['don', 't', 'stop']);
    expect(queryWords(`a & b | !c :* 'd' \\e (f) <-> g`)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(queryWords('Café Noir 2')).toEqual(['café', 'noir', '2']);
    expect(queryWords(`'&|!:*\\`)).toEqual([]);
    expect(queryWords('a b c d e f g h i j k')).toHaveLength(MAX_QUERY_WORDS);
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit each', () => {
    expect(editDistance('lights', 'lights')).toBe(0);
    expect(editDistance('lihgts', 'lights')).toBe(1);
    expect(editDistance('harbor', 'harbour')).toBe(1);
    expect(editDistance('emberr', 'ember')).toBe(1);
    expect(editDistance('drve', 'drive')).toBe(1);
    expect(editDistance('crystl', 'crystal')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('café', 'cafe')).toBe(1);
  });
});

describe('corrections', () => {
  it('keeps the nearest words within the typos the length allows', () => {
    expect(corrections({ word: 'lihgts', prefix: false, known: false, near: ['light', 'lights', 'nights', 'love'] })).toEqual(['lights']);
    expect(corrections({ word: 'lihgt', prefix: false, known: false, near: ['nights', 'light', 'lights', 'eight'] })).toEqual(['light']);
    expect(corrections({ word: 'bloon', prefix: false, known: false, near: ['blood', 'bloom', 'balloon'] })).toEqual(['blood', 'bloom']);
    expect(corrections({ word: 'drve', prefix: false, known: false, near: ['drive', 'dream'] })).toEqual(['drive']);
    // Two letters: only exact words, which the dictionary already answered.
    expect(corrections({ word: 'ky', prefix: false, known: false, near: ['sky'] })).toEqual([]);
    expect(corrections({ word: 'xyzzy', prefix: false, known: false, near: ['fuzzy', 'dizzy'] })).toEqual([]);
  });

  it('compares an unfinished last word with the start of each word', () => {
    expect(corrections({ word: 'midng', prefix: true, known: false, near: ['midnight'] })).toEqual(['midnight']);
    expect(corrections({ word: 'midng', prefix: false, known: false, near: ['midnight'] })).toEqual([]);
  });

  it('never proposes a word the tsquery parser would read as syntax', () => {
    expect(corrections({ word: 'lofi', prefix: false, known: false, near: ['lo-fi', "lo'fi", 'loft'] })).toEqual(['loft']);
  });
});

describe('titleQuery', () => {
  it('ANDs the words, ORs the corrections of each, prefixes the last and drops what matches nothing', () => {
    expect(
      titleQuery([
        { word: 'harbor', prefix: false, known: false, near: ['harbour'] },
        { word: 'kestrel', prefix: false, known: false, near: ['kettle'] },
        { word: 'bloon', prefix: true, known: false, near: ['blood', 'bloom', 'balloon'] },
      ]),
    ).toBe('harbour & (blood | bloom)');
    expect(titleQuery([{ word: 'midn', prefix: true, known: true, near: [] }])).toBe('midn:*');
    expect(titleQuery([{ word: 'xyzzy', prefix: true, known: false, near: ['fuzzy'] }])).toBeNull();
  });
});
