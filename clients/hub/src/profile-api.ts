/**
 * @module profile-api
 * The signed-in person's bot-readable profile: `GET /api/me/profile` and `PATCH /api/me/profile`
 * (schema/PROTOCOL.md, "HTTP API"). Guests have a profile too (the API accepts their token); it lives as long as the
 * guest session. Errors are `ApiError`s with the engine's code (`BAD_ARGS`, `UNAUTHORIZED` …) or `NETWORK`.
 */
import type { UserProfile } from '../../../schema/protocol.ts';
import { ApiError } from './api.ts';

export type { UserProfile };
export type CommunicationFlag = keyof NonNullable<UserProfile['communication']>;
export type SensoryTopic = NonNullable<UserProfile['sensory']>[number];

/** Same order as the engine's lists (engine/src/http/profile-routes.ts). */
export const COMMUNICATION_FLAGS: readonly CommunicationFlag[] = ['literal', 'shortSentences', 'oneQuestionAtATime', 'noEmoji', 'lists'];
export const SENSORY_TOPICS: readonly SensoryTopic[] = ['sound', 'light', 'touch', 'smell', 'taste', 'crowds', 'temperature'];

/** A PATCH body: each named field replaces the stored one; `null` removes it. */
export type ProfilePatch = { [K in keyof UserProfile]?: UserProfile[K] | null };

async function profileRequest(token: string, init?: { method: 'PATCH'; body: ProfilePatch }): Promise<UserProfile> {
  let res: Response;
  try {
    res = await fetch('/api/me/profile', {
      method: init?.method ?? 'GET',
      credentials: 'same-origin',
      headers: { accept: 'application/json', authorization: `Bearer ${token}`, ...(init ? { 'content-type': 'application/json' } : {}) },
      body: init ? JSON.stringify(init.body) : undefined,
    });
  } catch (err) {
    throw new ApiError('NETWORK', err instanceof Error ? err.message : String(err));
  }
  const body = (await res.json().catch(() => undefined)) as { profile?: UserProfile; error?: { code?: string; message?: string } } | undefined;
  if (!res.ok) throw new ApiError(body?.error?.code ?? 'OTHER', body?.error?.message ?? res.statusText, res.status);
  if (!body?.profile || typeof body.profile !== 'object') throw new ApiError('OTHER', 'profile missing in the reply', res.status);
  return body.profile;
}

export function getProfile(token: string): Promise<UserProfile> {
  return profileRequest(token);
}

/** Sends only the fields in `patch`; answers the whole stored profile after the change. */
export function patchProfile(token: string, patch: ProfilePatch): Promise<UserProfile> {
  return profileRequest(token, { method: 'PATCH', body: patch });
}
