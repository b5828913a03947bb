/** @module entities/user — registered users, guests and admins. */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { TIERS, type Role } from '../store.ts';

export const UserEntity = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: {
    id: p.uuid().primary(),
    /** Lower-cased; null for guests and erased accounts (PostgreSQL lets several NULLs share a UNIQUE column). */
    email: p.text().nullable().unique('users_email_unique'),
    name: p.text(),
    roles: p.array().$type<Role[]>(),
    tier: p.enum([...TIERS]),
    profile: p.json<Record<string, unknown>>(),
    passwordHash: p.text().nullable(),
    erasedAt: p.datetime().nullable(),
    createdAt: p.datetime(),
  },
});

export type User = InferEntity<typeof UserEntity>;
