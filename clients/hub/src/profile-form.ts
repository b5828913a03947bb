/**
 * @module profile-form
 * The preferences form's state and the PATCH it needs: a stored profile → form values, and form values → only the
 * fields that changed (`null` to remove one). Pure, no DOM, so the rules are easy to read and check.
 */
import { COMMUNICATION_FLAGS, SENSORY_TOPICS, type CommunicationFlag, type ProfilePatch, type SensoryTopic, type UserProfile } from './profile-api.ts';

/** The countries the safety layer's helpline directory ships (engine/src/safety/starting-directory.ts). */
export const HELPLINE_COUNTRIES = ['ES', 'MX', 'AR', 'CO', 'CL', 'US'] as const;

export interface ProfileForm {
  /** '' = no preference. */
  language: '' | 'es' | 'en';
  /** '' = not set; 'other' = the code typed in `otherCountry`. */
  country: '' | 'other' | (typeof HELPLINE_COUNTRIES)[number];
  otherCountry: string;
  communication: Record<CommunicationFlag, boolean>;
  sensory: Record<SensoryTopic, boolean>;
}

const COUNTRY_CODE = /^[A-Z]{2}$/;

export function formFromProfile(profile: UserProfile): ProfileForm {
  const country = profile.country?.toUpperCase();
  const shipped = (HELPLINE_COUNTRIES as readonly string[]).includes(country ?? '');
  return {
    language: profile.language ?? '',
    country: !country ? '' : shipped ? (country as ProfileForm['country']) : 'other',
    otherCountry: country && !shipped ? country : '',
    communication: Object.fromEntries(COMMUNICATION_FLAGS.map((flag) => [flag, profile.communication?.[flag] === true])) as ProfileForm['communication'],
    sensory: Object.fromEntries(SENSORY_TOPICS.map((topic) => [topic, profile.sensory?.includes(topic) === true])) as ProfileForm['sensory'],
  };
}

/** The form's country code, or undefined when none; 'invalid' when "other" holds something that is not 2 letters. */
export function formCountry(form: ProfileForm): string | undefined | 'invalid' {
  if (form.country === '') return undefined;
  if (form.country !== 'other') return form.country;
  const code = form.otherCountry.trim().toUpperCase();
  return COUNTRY_CODE.test(code) ? code : 'invalid';
}

/**
 * Checkboxes cannot say "explicitly not", so only ticked flags are stored; none ticked removes the field. Flags a
 * stored profile has as `false` therefore read the same as absent ones.
 */
function ticked<K extends string>(values: Record<K, boolean>, order: readonly K[]): K[] {
  return order.filter((key) => values[key]);
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, i) => item === b[i]);

/** Only the changed fields (`null` removes one); 'invalid-country' when the typed code cannot be sent. */
export function profilePatch(before: UserProfile, form: ProfileForm): ProfilePatch | 'invalid-country' {
  const patch: ProfilePatch = {};
  const was = formFromProfile(before);

  if ((before.language ?? '') !== form.language) patch.language = form.language || null;

  const country = formCountry(form);
  if (country === 'invalid') return 'invalid-country';
  if ((before.country?.toUpperCase() ?? undefined) !== country) patch.country = country ?? null;

  const flags = ticked(form.communication, COMMUNICATION_FLAGS);
  if (!sameList(flags, ticked(was.communication, COMMUNICATION_FLAGS))) {
    patch.communication = flags.length > 0 ? Object.fromEntries(flags.map((flag) => [flag, true])) : null;
  }

  const senses = ticked(form.sensory, SENSORY_TOPICS);
  if (!sameList(senses, ticked(was.sensory, SENSORY_TOPICS))) patch.sensory = senses.length > 0 ? senses : null;

  return patch;
}
