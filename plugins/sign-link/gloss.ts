/**
 * @module sign-link/gloss
 * Text → an APPROXIMATE gloss sequence in LSM or LSE, by a handful of documented rules (README "Gloss rules"). It is
 * an aid to see roughly how a sentence is organised in sign, not a translation: sign languages use space, movement,
 * classifiers and facial grammar that a word-by-word rewrite cannot capture.
 *
 * Per sentence:
 * 1. Tokens: words, numbers, and the lexicon's multi-word phrases ("por favor", "la próxima semana").
 * 2. Dropped: articles, copulas (ser/estar), most prepositions and conjunctions, clitics (which still tell a verb's
 *    person: "me gusta" → YO … GUSTAR).
 * 3. Time first: time words, and "a las 10" → HORA 10, go to the front.
 * 4. Verbs → their lemma gloss (QUIERO → QUERER); a first/second-singular form with no subject adds YO / TÚ.
 * 5. Negation after the verb: "no quiero" → … QUERER NO.
 * 6. Order: LSE puts the verbs after the rest of the clause (SOV, as commonly described for LSE); LSM keeps the
 *    Spanish order (SVO is common in LSM; topic-comment order depends on context we do not have).
 * 7. Questions: the question word goes to the end; a non-manual marker is added ([cejas fruncidas] for qu-questions,
 *    [cejas arriba] for yes/no questions).
 * 8. Names (capitalised words not starting the sentence) and words outside the lexicon are fingerspelled: A-N-A.
 */
import { spellWord, type SignLanguage } from '../../clients/sign-shapes/src/index.ts';
import { CLITIC_PERSON, DROPPED, MAX_PHRASE_WORDS, QUESTION_WORDS, TIME_WORDS, VERB_FORMS, lexiconFor } from './lexicon.ts';

const SUBJECTS = new Set(['YO', 'TÚ', 'USTED', 'ÉL', 'ELLA', 'NOSOTROS', 'ELLOS', 'USTEDES', 'VOSOTROS']);

export const MARKER_WH = '[cejas fruncidas]';
export const MARKER_YES_NO = '[cejas arriba]';

export interface GlossResult {
  readonly language: SignLanguage;
  readonly glosses: string[];
  /** Fingerspelled words, in order (upper case, accents dropped, Ñ kept). Each is also in `glosses` as A-N-A. */
  readonly fingerspelling: string[];
}

interface Token {
  readonly text: string;
  readonly lower: string;
  readonly first: boolean;
}

type Item =
  | { kind: 'time' | 'wh' | 'sign' | 'spell'; gloss: string; word?: string }
  | { kind: 'verb'; gloss: string; person?: 'YO' | 'TÚ' }
  | { kind: 'neg' };

const SENTENCE = /[^.!?¡¿\n]+[.!?\n]*|[¡¿][^.!?\n]*[.!?\n]*/gu;
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

function sentences(text: string): { body: string; question: boolean }[] {
  const out: { body: string; question: boolean }[] = [];
  for (const match of text.matchAll(SENTENCE)) {
    const raw = match[0];
    if (raw.trim() === '' || !/[\p{L}\p{N}]/u.test(raw)) continue;
    out.push({ body: raw, question: raw.includes('?') || raw.trimStart().startsWith('¿') });
  }
  return out;
}

function tokens(sentence: string): Token[] {
  return [...sentence.matchAll(WORD)].map((m, i) => ({ text: m[0], lower: m[0].toLocaleLowerCase('es'), first: i === 0 }));
}

const isName = (t: Token) => !t.first && /^\p{Lu}/u.test(t.text) && t.text !== t.text.toLocaleUpperCase('es');

/** Gloss items of one sentence, in Spanish order. */
function itemsOf(words: Token[], language: SignLanguage): Item[] {
  const lexicon = lexiconFor(language);
  const items: Item[] = [];
  let pendingPerson: 'YO' | 'TÚ' | undefined;
  for (let i = 0; i < words.length; ) {
    // Longest phrase first (tables of phrases are keyed in lower case, words separated by one space).
    let matched = false;
    for (let n = Math.min(MAX_PHRASE_WORDS, words.length - i); n >= 2 && !matched; n--) {
      const slice = words.slice(i, i + n);
      if (slice.slice(1).some(isName)) continue;
      const phrase = slice.map((w) => w.lower).join(' ');
      const gloss = TIME_WORDS[phrase] ?? QUESTION_WORDS[phrase] ?? lexicon.get(phrase);
      if (gloss) {
        items.push({ kind: TIME_WORDS[phrase] ? 'time' : QUESTION_WORDS[phrase] ? 'wh' : 'sign', gloss });
        i += n;
        matched = true;
      }
    }
    if (matched) continue;
    const word = words[i]!;
    const next = words[i + 1];
    i++;
    // "a las 10", "a la 1": the hour, first.
    if ((word.lower === 'las' || word.lower === 'la') && next && /^\d{1,2}$/.test(next.text) && words[i - 2]?.lower === 'a') {
      items.push({ kind: 'time', gloss: 'HORA' }, { kind: 'time', gloss: next.text });
      i++;
      continue;
    }
    if (isName(word)) {
      items.push(spelled(word.text, language));
      continue;
    }
    if (/^\d+$/.test(word.text)) {
      items.push({ kind: 'sign', gloss: word.text });
      continue;
    }
    if (word.lower === 'no') {
      items.push({ kind: 'neg' });
      continue;
    }
    const clitic = CLITIC_PERSON[word.lower];
    if (clitic || ['se', 'le', 'les', 'nos', 'os'].includes(word.lower)) {
      pendingPerson = clitic;
      continue;
    }
    if (DROPPED.has(word.lower)) continue;
    const time = TIME_WORDS[word.lower];
    if (time) {
      items.push({ kind: 'time', gloss: time });
      continue;
    }
    const wh = QUESTION_WORDS[word.lower];
    if (wh) {
      items.push({ kind: 'wh', gloss: wh });
      continue;
    }
    const verb = VERB_FORMS.get(word.lower);
    if (verb) {
      const person = verb.person ?? pendingPerson;
      items.push(person ? { kind: 'verb', gloss: verb.gloss, person } : { kind: 'verb', gloss: verb.gloss });
      pendingPerson = undefined;
      continue;
    }
    const gloss = lexicon.get(word.lower);
    items.push(gloss ? { kind: 'sign', gloss } : spelled(word.text, language));
  }
  return items;
}

function spelled(word: string, language: SignLanguage): Item {
  const letters = spellWord(language, word);
  return letters.length === 0 ? { kind: 'sign', gloss: word.toLocaleUpperCase('es') } : { kind: 'spell', gloss: letters.join('-'), word: letters.join('') };
}

/** Reorders one sentence's items by the rules above. */
function ordered(items: Item[], language: SignLanguage, question: boolean): Item[] {
  const time = items.filter((it) => it.kind === 'time');
  const wh = items.filter((it) => it.kind === 'wh');
  const negated = items.some((it) => it.kind === 'neg');
  const rest = items.filter((it) => it.kind !== 'time' && it.kind !== 'wh' && it.kind !== 'neg');
  const verbIndex = rest.findIndex((it) => it.kind === 'verb');
  let body: Item[] = [...rest];
  if (verbIndex >= 0) {
    const verb = body[verbIndex] as Extract<Item, { kind: 'verb' }>;
    const hasSubject = body.slice(0, verbIndex).some((it) => it.kind === 'sign' && SUBJECTS.has(it.gloss));
    const subject: Item[] = verb.person && !hasSubject ? [{ kind: 'sign', gloss: verb.person }] : [];
    const neg: Item[] = negated ? [{ kind: 'neg' }] : [];
    const plain = (it: Item): Item => (it.kind === 'verb' ? { kind: 'verb', gloss: it.gloss } : it);
    if (language === 'LSE') {
      // SOV: the verbs (a modal and its verb stay in Spanish order) and the negation after the rest of the clause.
      body = [...subject, ...body.filter((it) => it.kind !== 'verb'), ...body.filter((it) => it.kind === 'verb').map(plain), ...neg];
    } else {
      body = [...body.slice(0, verbIndex), ...subject, plain(verb), ...neg, ...body.slice(verbIndex + 1).map(plain)];
    }
  } else if (negated) {
    body.push({ kind: 'neg' });
  }
  const marker: Item[] = question ? [{ kind: 'sign', gloss: wh.length > 0 ? MARKER_WH : MARKER_YES_NO }] : [];
  return [...time, ...body, ...wh, ...marker];
}

export function glossText(text: string, language: SignLanguage): GlossResult {
  const glosses: string[] = [];
  const fingerspelling: string[] = [];
  for (const sentence of sentences(text)) {
    for (const item of ordered(itemsOf(tokens(sentence.body), language), language, sentence.question)) {
      if (item.kind === 'neg') glosses.push('NO');
      else {
        glosses.push(item.gloss);
        if (item.kind === 'spell' && item.word) fingerspelling.push(item.word);
      }
    }
  }
  return { language, glosses, fingerspelling };
}
