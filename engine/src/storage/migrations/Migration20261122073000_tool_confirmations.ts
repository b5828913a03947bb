/** Tool confirmations: the single-use ledger of signed tool proposals (SQL from the MikroORM schema diff of confirmations/entities.ts). */
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122073000_tool_confirmations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "tool_confirmations" ("token_hash" text not null, "room_id" uuid not null, "msg_id" text not null, "approved" boolean not null, "expires_at" timestamptz not null, "used_at" timestamptz not null, constraint "tool_confirmations_pkey" primary key ("token_hash"));`);
    this.addSql(`create index "tool_confirmations_expires_at_index" on "tool_confirmations" ("expires_at");`);
    this.addSql(`alter table "tool_confirmations" add constraint "tool_confirmations_room_id_foreign" foreign key ("room_id") references "conversations" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "tool_confirmations" cascade;`);
  }
}
