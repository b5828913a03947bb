/** Per-room bot switches for the admin surface (from ../entities/room-bot-disabled.ts). */
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122070000_admin extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "room_bot_disabled" ("room_id" uuid not null, "bot" text not null, "disabled_by" text not null, "disabled_at" timestamptz not null, constraint "room_bot_disabled_pkey" primary key ("room_id", "bot"));`);
    this.addSql(`create index "room_bot_disabled_bot_index" on "room_bot_disabled" ("bot");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "room_bot_disabled" cascade;`);
  }
}
