/**
 * A `sign` body (schema/PROTOCOL.md): the glosses and the fingerspelled words as chips, then each fingerspelled word
 * drawn letter by letter with the manual alphabet of its language (LSM or LSE), from the parametric hand of
 * clients/sign-shapes. Each drawing is an SVG with an accessible title (the letter and language) and description
 * (how the hand is shaped); letters with movement carry an arrow and say so. Unknown languages show the chips only.
 */
import { For, Show } from 'solid-js';
import { handDrawing, spellWord, type HandDrawing, type SignLanguage } from '../../../sign-shapes/src/index.ts';
import type { SignData } from '../../../sdk/src/index.ts';
import { lang, pick, t } from '../i18n.ts';
import './SignBody.css';

let nextId = 0;

const LANGUAGE_NAMES: Readonly<Record<SignLanguage, { es: string; en: string }>> = {
  LSM: { es: 'Lengua de señas mexicana (LSM)', en: 'Mexican Sign Language (LSM)' },
  LSE: { es: 'Lengua de signos española (LSE)', en: 'Spanish Sign Language (LSE)' },
};

const signLanguage = (value: string): SignLanguage | undefined => (value === 'LSM' || value === 'LSE' ? value : undefined);

export function SignBody(props: { data: SignData; text: string }) {
  const language = () => signLanguage(props.data.language.toUpperCase());
  const title = () => {
    const known = language();
    return known ? pick(LANGUAGE_NAMES[known]) : t('sign.title', { language: props.data.language || '—' });
  };
  const words = () => {
    const known = language();
    return known ? props.data.fingerspelling.map((word) => ({ word, letters: spellWord(known, word) })).filter((w) => w.letters.length > 0) : [];
  };
  const handsLabel = `sign-hands-${++nextId}`;
  return (
    <div class="sign-body">
      <p class="sign-title">{title()}</p>
      <Show when={props.text}><p class="text">{props.text}</p></Show>
      <Show when={props.data.glosses.length > 0}>
        <p class="chips-label">{t('sign.glosses')}</p>
        <ul class="chips"><For each={props.data.glosses}>{(gloss) => <li class="chip">{gloss}</li>}</For></ul>
      </Show>
      <Show when={props.data.fingerspelling.length > 0}>
        <p class="chips-label">{t('sign.fingerspelling')}</p>
        <ul class="chips"><For each={props.data.fingerspelling}>{(letter) => <li class="chip chip-letter">{letter}</li>}</For></ul>
      </Show>
      <Show when={words().length > 0}>
        <p class="chips-label" id={handsLabel}>{pick({ es: 'Alfabeto manual (dibujos aproximados)', en: 'Manual alphabet (approximate drawings)' })}</p>
        <ul class="sign-hands" aria-labelledby={handsLabel}>
          <For each={words()}>
            {(word) => (
              <li class="sign-hand-word">
                <ol class="sign-hand-letters" aria-label={word.word}>
                  <For each={word.letters}>{(letter) => <HandLetter language={language()!} letter={letter} />}</For>
                </ol>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}

function HandLetter(props: { language: SignLanguage; letter: string }) {
  const drawing = () => handDrawing(props.language, props.letter, lang());
  return (
    <li class="sign-hand">
      <Show when={drawing()} fallback={<span class="sign-hand-letter">{props.letter}</span>}>
        {(d) => <HandSvg drawing={d()} />}
      </Show>
      <span class="sign-hand-letter" aria-hidden="true">{props.letter}</span>
    </li>
  );
}

function HandSvg(props: { drawing: HandDrawing }) {
  const id = `sign-hand-${++nextId}`;
  return (
    <svg class="hand" viewBox={props.drawing.viewBox} width="64" height="77" role="img" aria-labelledby={`${id}-t`} aria-describedby={`${id}-d`}>
      <title id={`${id}-t`}>{props.drawing.title}</title>
      <desc id={`${id}-d`}>{props.drawing.description}</desc>
      <For each={props.drawing.parts}>
        {(part) => (part.kind === 'palm'
          ? <polygon class="hand-skin hand-palm" points={part.points} stroke-width={part.width} />
          : (
            <g>
              <polyline class="hand-line" points={part.points} stroke-width={part.width + 3} />
              <polyline class="hand-skin" points={part.points} stroke-width={part.width} />
            </g>
          ))}
      </For>
      <Show when={props.drawing.movement}>
        <path class="hand-move" d="M76 10 q12 8 5 20" />
        <path class="hand-move-head" d="M77 27 l4 5 l3 -6 z" />
      </Show>
    </svg>
  );
}

/** A person's `landmarks` body (hand frames sent for fingerspelling recognition): how many frames, not the numbers. */
export function LandmarksNote(props: { data: unknown; text: string }) {
  const frames = () => {
    const value = (props.data as { frames?: unknown }).frames;
    return Array.isArray(value) ? value.length : 0;
  };
  return (
    <p class="text sign-landmarks">
      {props.text || pick({ es: `✋ Deletreo enviado (${frames()} fotogramas de la mano)`, en: `✋ Fingerspelling sent (${frames()} hand frames)` })}
    </p>
  );
}
