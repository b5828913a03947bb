/**
 * @module context
 * The signed-in admin's session for every view: the bound admin API, and `fail`, which turns an API error into a
 * message (or signs out on 401 and shows "no access" on 403, when the role was taken away meanwhile).
 */
import { createContext, useContext } from 'solid-js';
import type { AdminUser } from '../../../schema/admin.ts';
import type { Session } from '../../hub/src/session.ts';
import { ApiError, type AdminApi } from './api.ts';
import { t, type MessageKey } from './i18n.ts';

export interface AdminContext {
  session: Session;
  me: AdminUser;
  api: AdminApi;
  /** Handles 401/403 globally; returns the message to show for anything else. */
  fail(err: unknown): string;
}

export const Admin = createContext<AdminContext>();

export function useAdmin(): AdminContext {
  const ctx = useContext(Admin);
  if (!ctx) throw new Error('useAdmin outside <Admin.Provider>');
  return ctx;
}

const KNOWN = new Set(['FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'BAD_ARGS', 'UNAVAILABLE', 'NETWORK']);

/** The message for an API error in the current language. */
export function errorText(err: unknown): string {
  const code = err instanceof ApiError && KNOWN.has(err.code) ? err.code : 'OTHER';
  const message = err instanceof Error ? err.message : String(err);
  return t(`error.${code}` as MessageKey, { message });
}
