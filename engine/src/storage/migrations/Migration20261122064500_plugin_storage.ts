/** Plugin storage: sealed records per plugin, scope and collection, and the scopes' data keys (SQL from the MikroORM schema diff). */
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122064500_plugin_storage extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "plugin_records" ("plugin" text not null, "scope_kind" text not null, "scope_id" text not null, "collection" text not null, "record_id" text not null, "version" int not null, "ciphertext" bytea not null, "nonce" bytea not null, "key_id" text not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "plugin_records_pkey" primary key ("plugin", "scope_kind", "scope_id", "collection", "record_id"));`);
    this.addSql(`create index "plugin_records_plugin_scope_kind_scope_id_collecti_a36a4_index" on "plugin_records" ("plugin", "scope_kind", "scope_id", "collection", "updated_at");`);
    this.addSql(`create table "plugin_scope_keys" ("scope_kind" text not null, "scope_id" text not null, "key_id" text not null, "wrapped_key" bytea not null, "nonce" bytea not null, "master_key_id" text not null, "created_at" timestamptz not null, constraint "plugin_scope_keys_pkey" primary key ("scope_kind", "scope_id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "plugin_records" cascade;`);
    this.addSql(`drop table if exists "plugin_scope_keys" cascade;`);
  }
}
