/** The preferences form's rules: stored profile → form, and form → only the changed fields (null removes). */
import { describe, expect, it } from 'vitest';
import { formFromProfile, profilePatch } from './profile-form.ts';

describe('profile form', () => {
  it('sends nothing when nothing changed, whatever order or false flags the stored profile has', () => {
    const stored = { language: 'es' as const, country: 'mx', communication: { literal: true, noEmoji: false }, sensory: ['light' as const, 'sound' as const] };
    expect(profilePatch(stored, formFromProfile(stored))).toEqual({});
    expect(profilePatch({}, formFromProfile({}))).toEqual({});
  });

  it('sends only the changed fields, ticked flags only', () => {
    const form = formFromProfile({ language: 'es' });
    form.communication.shortSentences = true;
    form.country = 'MX';
    expect(profilePatch({ language: 'es' }, form)).toEqual({ country: 'MX', communication: { shortSentences: true } });
  });

  it('removes a field with null when it is emptied', () => {
    const stored = { language: 'en' as const, country: 'CL', communication: { lists: true }, sensory: ['crowds' as const] };
    const form = formFromProfile(stored);
    form.language = '';
    form.country = '';
    form.communication.lists = false;
    form.sensory.crowds = false;
    expect(profilePatch(stored, form)).toEqual({ language: null, country: null, communication: null, sensory: null });
  });

  it('reads a country outside the helpline list as "other" and checks a typed code', () => {
    const form = formFromProfile({ country: 'PE' });
    expect([form.country, form.otherCountry]).toEqual(['other', 'PE']);
    expect(profilePatch({ country: 'PE' }, form)).toEqual({});
    form.otherCountry = ' uy ';
    expect(profilePatch({ country: 'PE' }, form)).toEqual({ country: 'UY' });
    for (const bad of ['', 'U', 'U1', 'URY']) {
      form.otherCountry = bad;
      expect(profilePatch({ country: 'PE' }, form)).toBe('invalid-country');
    }
  });
});
