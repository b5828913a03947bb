/**
 * @module http/profile-routes
 * GET /api/me/profile and PATCH /api/me/profile: the signed-in person reads and sets the profile fields that bots
 * may read (each plugin only gets the ones its manifest lists in `profileFields`). The fields are a closed,
 * validated set of codes and flags — never free text, because the profile column is not encrypted:
 *   language: 'es' | 'en'
 *   country: ISO 3166-1 alpha-2 ('ES', 'MX' …)
 *   communication: { literal, shortSentences, oneQuestionAtATime, noEmoji, lists } (booleans, all optional)
 *   sensory: subset of SENSORY_TOPICS (senses the person finds hard)
 * PATCH replaces each field it names (`null` removes it) and keeps the others. Token in `Authorization: Bearer`.
 * Bots see a change within the bot bridge's profile cache time (30 s).
 */
import { ErrorCode } from '../../../schema/index.ts';
import type { UserProfile } from '../../../schema/protocol.ts';
import type { TokenService } from '../auth/tokens.ts';
import { EngineError, badArgs, unauthorized } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Store, UserRow } from '../storage/store.ts';
import type { HttpRequest, HttpResponse, TemplatedApp } from '../transport/uws.ts';
import { readJson, reply, sendError, sendJson } from './json.ts';

const MAX_BODY = 4 * 1024;

export const COMMUNICATION_FLAGS = ['literal', 'shortSentences', 'oneQuestionAtATime', 'noEmoji', 'lists'] as const;
export const SENSORY_TOPICS = ['sound', 'light', 'touch', 'smell', 'taste', 'crowds', 'temperature'] as const;
export const PROFILE_FIELDS = ['language', 'country', 'communication', 'sensory'] as const;
type ProfileField = (typeof PROFILE_FIELDS)[number];

export interface ProfileRouteDeps {
  store: Store;
  tokens: TokenService;
  log: Logger;
  /** Called after a profile changed (the bot bridge drops its cached copy so the next turn sees the change). */
  onProfileChanged?: (userId: string) => void;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Validates one field's value; returns the stored form or throws BAD_ARGS naming the field. */
function parseField(field: ProfileField, value: unknown): unknown {
  switch (field) {
    case 'language':
      if (value !== 'es' && value !== 'en') throw badArgs('language: expected "es" or "en"');
      return value;
    case 'country':
      if (typeof value !== 'string' || !/^[A-Za-z]{2}$/.test(value)) throw badArgs('country: expected an ISO 3166-1 alpha-2 code (e.g. "ES")');
      return value.toUpperCase();
    case 'communication': {
      if (!isRecord(value)) throw badArgs('communication: expected an object of booleans');
      const flags: Record<string, boolean> = {};
      for (const [key, flag] of Object.entries(value)) {
        if (!(COMMUNICATION_FLAGS as readonly string[]).includes(key)) {
          throw badArgs(`communication.${key}: unknown preference (known: ${COMMUNICATION_FLAGS.join(', ')})`);
        }
        if (typeof flag !== 'boolean') throw badArgs(`communication.${key}: expected boolean`);
        flags[key] = flag;
      }
      return flags;
    }
    case 'sensory': {
      if (!Array.isArray(value)) throw badArgs('sensory: expected an array');
      for (const [index, topic] of value.entries()) {
        if (!(SENSORY_TOPICS as readonly unknown[]).includes(topic)) {
          throw badArgs(`sensory[${index}]: expected one of ${SENSORY_TOPICS.join(', ')}`);
        }
      }
      return SENSORY_TOPICS.filter((topic) => value.includes(topic));
    }
  }
}

/** A PATCH body → the fields to set and to remove. @throws EngineError BAD_ARGS */
export function parseProfilePatch(body: Record<string, unknown>): { set: Record<string, unknown>; unset: ProfileField[] } {
  const set: Record<string, unknown> = {};
  const unset: ProfileField[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (!(PROFILE_FIELDS as readonly string[]).includes(key)) throw badArgs(`${key}: unknown profile field (known: ${PROFILE_FIELDS.join(', ')})`);
    const field = key as ProfileField;
    if (value === null) unset.push(field);
    else set[field] = parseField(field, value);
  }
  return { set, unset };
}

/** The editable fields of a stored profile (internal ones, such as a guest's partner site, stay out). */
export function publicProfile(user: UserRow): UserProfile {
  const profile: Record<string, unknown> = {};
  for (const field of PROFILE_FIELDS) if (user.profile[field] !== undefined) profile[field] = user.profile[field];
  return profile as UserProfile;
}

export function registerProfileRoutes(app: TemplatedApp, deps: ProfileRouteDeps): void {
  const { store, tokens, log } = deps;

  /** The caller's user id from the bearer token, or UNAUTHORIZED. */
  const caller = async (authorization: string): Promise<string> => {
    const match = /^Bearer ([^\s]+)$/i.exec(authorization.trim());
    if (!match) throw unauthorized('Authorization: Bearer <token> required');
    const verified = await tokens.verify(match[1]!);
    if (!verified.ok) throw unauthorized(verified.reason === 'expired' ? 'token expired' : 'invalid token');
    return verified.claims.userId;
  };

  app.get('/api/me/profile', (res: HttpResponse, req: HttpRequest) => {
    const r = reply(res);
    const authorization = req.getHeader('authorization');
    caller(authorization)
      .then(async (userId) => {
        const user = await store.findUserById(userId);
        if (!user || user.erasedAt) throw unauthorized('unknown user');
        return publicProfile(user);
      })
      .then((profile) => sendJson(r, 200, { profile }), (err) => sendError(r, err, log));
  });

  app.patch('/api/me/profile', (res: HttpResponse, req: HttpRequest) => {
    const r = reply(res);
    // uWS request objects are valid only synchronously: read headers before any await.
    const authorization = req.getHeader('authorization');
    const body = readJson(r, req, MAX_BODY);
    body.catch(() => {}); // handled below, once the caller is known
    caller(authorization)
      .then(async (userId) => {
        const { set, unset } = parseProfilePatch(await body);
        const user = await store.updateUserProfile(userId, set, unset);
        if (!user) throw new EngineError(ErrorCode.UNAUTHORIZED, 'unknown user');
        await store.audit({ actorId: userId, action: 'user.profile', target: userId, detail: { fields: [...Object.keys(set), ...unset] } });
        deps.onProfileChanged?.(userId);
        return publicProfile(user);
      })
      .then((profile) => sendJson(r, 200, { profile }), (err) => sendError(r, err, log));
  });
}
