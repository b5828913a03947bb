/**
 * The app catalogue (first version): the seeds' apps grouped by category, each with its access state for the
 * person's plan — available, premium (needs a higher plan), beta, coming soon. Apps backed by an installed bot
 * open a conversation with it.
 */
import { For, Show } from 'solid-js';
import type { BotInfo } from '../api.ts';
import { ACCESS_LABEL, accessOf, APPS, CATEGORIES, CATEGORY_LABEL, TIER_LABEL } from '../catalogue.ts';
import { lang, t } from '../i18n.ts';
import type { Tier } from '../session.ts';

export function Catalogue(props: { tier: Tier; guest?: boolean; bots: BotInfo[]; busy: boolean; onOpen: (bot: BotInfo) => void }) {
  const tierName = (tier: Tier) => t(TIER_LABEL[tier] ?? 'tier.free');
  return (
    <section class="apps" aria-labelledby="apps-title">
      <h2 id="apps-title">{t('apps.title')}</h2>
      <p class="muted">{props.guest ? t('apps.introGuest') : t('apps.intro', { tier: tierName(props.tier) })}</p>
      <For each={CATEGORIES}>
        {(category) => (
          <section class="app-category" aria-labelledby={`cat-${category}`}>
            <h3 id={`cat-${category}`}>{t(CATEGORY_LABEL[category])}</h3>
            <ul class="app-grid">
              <For each={APPS.filter((app) => app.category === category)}>
                {(app) => {
                  const access = () => accessOf(app, { tier: props.tier, guest: props.guest });
                  const bot = () => (app.bot ? props.bots.find((b) => b.name === app.bot) : undefined);
                  const usable = () => (access() === 'available' || access() === 'beta') && bot() !== undefined;
                  return (
                    <li class="app-card" data-access={access()}>
                      <div class="app-card-head">
                        <span class="app-icon" aria-hidden="true">{app.icon}</span>
                        <h4 class="app-name">{app.name}</h4>
                      </div>
                      <p class="app-desc">{app.description[lang()]}</p>
                      <p class="app-foot">
                        <span class={`badge badge-${access()}`}>{t(ACCESS_LABEL[access()])}</span>
                        <Show when={access() === 'premium'}>
                          <span class="muted small">{t('apps.requires', { tier: tierName(app.tier) })}</span>
                        </Show>
                        <Show when={access() === 'account'}>
                          <span class="muted small">{t('apps.needsAccount')}</span>
                        </Show>
                      </p>
                      <Show when={usable()}>
                        <button class="btn primary" type="button" disabled={props.busy} aria-label={t('apps.openLabel', { name: app.name })}
                          onClick={() => props.onOpen(bot()!)}>{t('apps.open')}</button>
                      </Show>
                    </li>
                  );
                }}
              </For>
            </ul>
          </section>
        )}
      </For>
    </section>
  );
}
