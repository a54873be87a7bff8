// The pattern decision procedure: search semantics, anchors, equivalence, counterexamples, and the
// sampled fallback for what automata cannot model.

import { describe, expect, it } from 'vitest';
import { patternsIncluded } from '../src/schema/pattern.js';

describe('patternsIncluded', () => {
  it('decides inclusion and gives a counterexample', () => {
    expect(patternsIncluded(['^inv_[a-h]{4}$'], ['^inv_[a-z]{4}$'])).toEqual({ decided: true, subset: true });
    const no = patternsIncluded(['^inv_[a-z]{4}$'], ['^inv_[a-h]{4}$']);
    expect(no).toMatchObject({ decided: true, subset: false });
    expect(
      no.decided && no.example !== undefined && /^inv_[a-z]{4}$/.test(no.example) && !/^inv_[a-h]{4}$/.test(no.example),
    ).toBe(true);
  });
  it('uses search semantics: an unanchored pattern matches anywhere', () => {
    expect(patternsIncluded(['^abc$'], ['b'])).toEqual({ decided: true, subset: true });
    expect(patternsIncluded(['b'], ['^abc$'])).toMatchObject({ decided: true, subset: false });
    expect(patternsIncluded(['^a', 'z$'], ['^a.*z$|^a[\\s\\S]*z$'])).toMatchObject({ decided: true, subset: true });
  });
  it('sees through spellings: \\d and [0-9], alternation order', () => {
    expect(patternsIncluded(['^\\d{3}$'], ['^[0-9]{3}$'])).toEqual({ decided: true, subset: true });
    expect(patternsIncluded(['^[0-9]{3}$'], ['^\\d{3}$'])).toEqual({ decided: true, subset: true });
    expect(patternsIncluded(['^(a|b)$'], ['^(b|a)$'])).toEqual({ decided: true, subset: true });
  });
  it('falls back to sampling with the RegExp engine for lookarounds, deterministically', () => {
    const sampled = patternsIncluded(['^[a-z0-9]+$'], ['^(?![0-9])[a-z0-9]+$']);
    expect(sampled.decided).toBe(false);
    expect(!sampled.decided && sampled.counterexample !== undefined && /^[0-9]/.test(sampled.counterexample)).toBe(
      true,
    );
    expect(patternsIncluded(['^[a-z0-9]+$'], ['^(?![0-9])[a-z0-9]+$'])).toEqual(sampled);
    const none = patternsIncluded(['^[a-z]+$'], ['^(?![0-9])[a-z]+$']);
    expect(none).toMatchObject({ decided: false });
    expect(!none.decided && none.counterexample).toBeUndefined();
  });
});
