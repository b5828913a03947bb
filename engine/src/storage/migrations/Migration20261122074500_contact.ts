/** Contact requests of the public showcase, sealed at rest (SQL from the MikroORM schema diff of ../../contact/entities.ts). */
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122074500_contact extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "contact_requests" ("id" uuid not null, "created_at" timestamptz not null, "locale" text not null, "ciphertext" bytea not null, "nonce" bytea not null, "wrapped_key" bytea not null, "key_nonce" bytea not null, "master_key_id" text not null, constraint "contact_requests_pkey" primary key ("id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "contact_requests" cascade;`);
  }
}
