/**
 * @module blu-psicologa/guard
 * The output guard: every sentence of the model's draft is checked before it is shown. A sentence that claims a
 * professional title ("soy psicóloga", "as your therapist"), gives a diagnosis ("creo que tienes depresión", "you
 * meet the criteria for ADHD") or a prescription ("toma 50 mg de sertralina", "stop taking your meds") is never
 * streamed: the answer stops there and a fixed correction is written instead. Deterministic patterns over the
 * normalised text (text-norm.ts), Spanish and English. The prompt asks the model not to do any of this; the guard is
 * what holds when it does.
 */
import type { Language } from '../../bots/sdk/index.ts';
import { normalize } from './text-norm.ts';

export type GuardRule = 'title' | 'diagnosis' | 'prescription';

export interface GuardViolation {
  readonly rule: GuardRule;
  /** Which pattern matched, for logs (never the text). */
  readonly pattern: string;
}

const TITLES_ES = '(psicologa|psicologo|psiquiatra|terapeuta|psicoterapeuta|medica|medico|doctora|doctor|enfermera|enfermero|consejera|consejero|orientadora clinica|profesional de (la )?salud( mental)?|profesional sanitari[ao]|especialista en salud mental)';
const TITLES_EN = '(psychologist|psychiatrist|therapist|psychotherapist|doctor|physician|nurse|counsell?or|clinician|mental health professional|health professional)';
const CONDITIONS_ES = '(un trastorno|trastorno|depresion|tdah|tdha|autismo|tea|asperger|bipolaridad|trastorno bipolar|toc|tept|esquizofrenia|borderline|trastorno limite|ansiedad generalizada|fobia social|anorexia|bulimia|dislexia|psicosis)';
const CONDITIONS_EN = '(a disorder|disorder|depression|adhd|add|autism|asperger|bipolar|ocd|ptsd|schizophrenia|borderline|bpd|generali[sz]ed anxiety|social anxiety|anorexia|bulimia|dyslexia|psychosis)';
const DRUGS =
  '(sertralina|sertraline|fluoxetina|fluoxetine|escitalopram|citalopram|paroxetina|paroxetine|venlafaxina|venlafaxine|duloxetina|duloxetine|bupropion|mirtazapina|mirtazapine|trazodona|trazodone|quetiapina|quetiapine|olanzapina|olanzapine|risperidona|risperidone|aripiprazol|aripiprazole|litio|lithium|lorazepam|alprazolam|diazepam|clonazepam|lormetazepam|zolpidem|metilfenidato|methylphenidate|lisdexanfetamina|lisdexamfetamine|atomoxetina|atomoxetine|melatonina|melatonin|pregabalina|pregabalin|gabapentina|gabapentin|valium|xanax|prozac|orfidal|trankimazin|concerta|ritalin|adderall|zoloft|lexapro)';
const MEDS_ES = '(medicacion|medicamentos?|pastillas?|comprimidos?|antidepresivos?|ansioliticos?|benzodiacepinas?|tranquilizantes?|somniferos?|dosis)';
const MEDS_EN = '(medication|meds|medicine|pills?|tablets?|antidepressants?|benzodiazepines?|benzos|sleeping pills|dose|dosage)';
const DOSE = '(\\d+([.,]\\d+)? ?(mg|miligramos|milligrams|ml|mcg|gotas|drops|comprimidos|pastillas|pills|tablets))';

const rx = (source: string) => new RegExp(source);

/** [rule, pattern id, regex]; ids name the pattern in logs and tests. */
const RULES: readonly (readonly [GuardRule, string, RegExp])[] = [
  // --- professional titles, first person (a negation before "soy"/"I'm" is the honest disclaimer, not a claim)
  ['title', 'es-soy-titulo', rx(`(?<!\\b(no|ni|tampoco|nunca) )\\bsoy (tu |una |un |la |el )?(propia |propio )?${TITLES_ES}\\b`)],
  ['title', 'es-como-tu-titulo', rx(`(?<!\\b(no|ni) (puedo|podria|debo|soy|voy a)\\b.{0,30})\\bcomo (tu|su) ${TITLES_ES}\\b`)],
  ['title', 'es-como-titulo-inicio', rx(`^(como|en mi experiencia como|desde mi experiencia como) (una |un )?${TITLES_ES}\\b`)],
  // a name, then the title: "Soy BLU, tu psicóloga", "I'm BLU, your therapist"
  ['title', 'es-nombre-titulo', rx(`\\bsoy [a-z0-9]+ (tu |su )(propia |propio )?${TITLES_ES}\\b`)],
  ['title', 'en-name-title', rx(`\\bi(m| am|'m) [a-z0-9]+ (your )(own )?${TITLES_EN}\\b`)],
  ['title', 'es-practica', rx('\\b(mis pacientes|mi consulta|en consulta conmigo|mi practica clinica|mi experiencia clinica|estoy colegiad[ao]|mi numero de colegiad[ao]|mi colegio profesional)\\b')],
  ['title', 'en-i-am-title', rx(`(?<!\\bnot )(?<!\\bnever )\\bi(m| am|'m) (your |a |an |the )?(licensed |certified |clinical |qualified |registered |trained )?${TITLES_EN}\\b`)],
  ['title', 'en-as-your-title', rx(`\\bas (your|a|an) (licensed |certified |clinical )?${TITLES_EN}\\b`)],
  ['title', 'en-practice', rx('\\b(my patients|my clients|my clinical practice|my practice|my license|my licence|my caseload)\\b')],
  // --- diagnoses
  ['diagnosis', 'es-te-diagnostico', rx('\\b(te diagnostico|le diagnostico|mi diagnostico (es|seria)|(?<!\\bno )puedo diagnosticarte)\\b')],
  ['diagnosis', 'es-tienes-condicion', rx(`\\b(creo que|me parece que|parece que|seguramente|probablemente|sin duda|claramente|esta claro que|es posible que|puede que|seguro que|diria que|todo indica que|por lo que cuentas)( tu)? (tienes|tengas|padeces|padezcas|sufres|sufras|eres|seas) (de )?(un |una )?(caso de )?${CONDITIONS_ES}\\b`)],
  ['diagnosis', 'es-criterios', rx(`\\b(cumples|cumple|encajas en|encaja en) (con )?(los |todos los )?(criterios|sintomas|perfil)( de| del| para)?\\b`)],
  ['diagnosis', 'es-sintomas-indican', rx(`\\b(tus|sus) sintomas (indican|encajan|son de|son los de|corresponden|apuntan)\\b`)],
  ['diagnosis', 'es-es-un-caso', rx(`\\b(es|esto es|lo tuyo es) (claramente |probablemente )?un caso de ${CONDITIONS_ES}\\b`)],
  ['diagnosis', 'en-i-diagnose', rx("\\b(i diagnose|my diagnosis|i would diagnose|i'd diagnose|i'm diagnosing|i am diagnosing)\\b")],
  ['diagnosis', 'en-you-have-condition', rx(`\\b(i think|i believe|it sounds like|sounds like|it seems|it seems like|you probably|you likely|you clearly|you definitely|you may|you might|clearly|obviously|i'd say|i would say)( that)? (you )?(have|are suffering from|suffer from|are|might have|may have|probably have|likely have|clearly have) (a |an )?(case of )?${CONDITIONS_EN}\\b`)],
  ['diagnosis', 'en-criteria', rx('\\b(you meet|you fit|you match) (the |all the )?(criteria|diagnostic criteria|profile)\\b')],
  ['diagnosis', 'en-symptoms-indicate', rx('\\byour symptoms (indicate|point to|are consistent with|suggest|match)\\b')],
  // said flatly, as a statement ("Tienes TDAH.", "You have ADHD.", "Lo que describes es depresión."); questions are
  // exempt ("¿Tienes TDAH diagnosticado?")
  ['diagnosis', 'es-diagnostico-directo', rx(`^(tu |usted )?(tienes|tiene|padeces|padece|sufres|sufre) (de )?(un |una )?(caso de )?${CONDITIONS_ES}\\b|\\blo que (describes|cuentas|tienes|te pasa) (es|son|suena a|parece) (claramente |seguramente )?(un |una )?(caso de )?${CONDITIONS_ES}\\b`)],
  ['diagnosis', 'en-diagnosis-direct', rx(`^(you have|you've got|you suffer from|you are suffering from|you're suffering from) (a |an )?(case of )?${CONDITIONS_EN}\\b|\\bwhat you (describe|are describing|have|are going through) (is|sounds like|seems like|looks like) (clearly |probably )?(a |an )?(case of )?${CONDITIONS_EN}\\b`)],
  // --- prescriptions and medication changes
  ['prescription', 'es-te-receto', rx('\\b(te receto|le receto|te voy a recetar|(?<!\\bno )puedo recetarte|te prescribo)\\b')],
  ['prescription', 'es-toma-farmaco', rx(`\\b(toma|tomate|tome|tomar|prueba|pruebe|empieza con|empieza a tomar|comienza con|te recomiendo|te aconsejo|deberias tomar|podrias tomar|aumenta|sube|baja|reduce|duplica)\\b.{0,40}\\b(${DRUGS}|${DOSE})`)],
  ['prescription', 'es-cambia-medicacion', rx(`(?<!\\b(no|sin|antes de|nunca) )\\b(deja de tomar|dejar de tomar( ya)?|suspende|abandona|aumenta|sube|baja|reduce|duplica|cambia|toma mas|toma menos)( tu| la| las| los| el| tus)? ${MEDS_ES}\\b`)],
  ['prescription', 'es-dosis', rx(`\\b(${DRUGS})\\b.{0,30}\\b${DOSE}|${DOSE}.{0,30}\\b(${DRUGS})\\b`)],
  ['prescription', 'en-i-prescribe', rx('\\b(i prescribe|i\'d prescribe|i would prescribe|i can prescribe|i\'ll prescribe)\\b')],
  ['prescription', 'en-take-drug', rx(`\\b(take|try|start on|start taking|i recommend|i suggest|you should take|you could take|increase|decrease|double|lower|raise)\\b.{0,40}\\b(${DRUGS}|${DOSE})`)],
  ['prescription', 'en-change-meds', rx(`(?<!\\b(don't|dont|do not|never|not|without|before you) )\\b(stop taking|quit taking|come off|increase|decrease|double|lower|raise|skip|change) (your |the |those |these )?${MEDS_EN}\\b`)],
];

/** A prescriber is the one who acts ("tu médica puede reducir la dosis", "your doctor may lower the dose"). */
const REFERRAL = /\b(medica|medico|doctora|doctor|psiquiatra|farmaceutica|farmaceutico|profesional|prescriber|physician|psychiatrist|pharmacist|professional|gp)\b/;
/** Rules about changing a treatment that a referral sentence may mention without giving the advice itself. */
const REFERRAL_EXEMPT = new Set(['es-cambia-medicacion', 'en-change-meds']);
/** Flat-statement diagnoses that a question asks about rather than states. */
const QUESTION_EXEMPT = new Set(['es-diagnostico-directo', 'en-diagnosis-direct']);
const QUESTION = /^\s*¿|\?["»”')\]]*\s*$/;

/** The first rule the sentence breaks, or null. */
export function checkSentence(sentence: string): GuardViolation | null {
  const text = normalize(sentence);
  if (text === '') return null;
  // Normalising drops commas, so "No, soy tu psicóloga" would read as the honest "no soy psicóloga": the title rules
  // also see the sentence with its clause breaks kept (as " - ", which normalize keeps).
  const clauses = normalize(sentence.replace(/[,;:]/g, ' - '));
  const referral = REFERRAL.test(text);
  const question = QUESTION.test(sentence);
  for (const [rule, pattern, regex] of RULES) {
    if (referral && REFERRAL_EXEMPT.has(pattern)) continue;
    if (question && QUESTION_EXEMPT.has(pattern)) continue;
    if (regex.test(text) || (rule === 'title' && regex.test(clauses))) return { rule, pattern };
  }
  return null;
}

/** What is written instead of the blocked sentence; the answer ends with it. */
export const CORRECTION: Record<Language, string> = {
  es: 'Tengo que corregirme: soy una inteligencia artificial de acompañamiento, no una psicóloga ni una profesional sanitaria. No puedo diagnosticar ni recetar ni cambiar tratamientos. Para eso, habla con una profesional de la salud; si es urgente, llama al número de emergencias.',
  en: 'I need to correct myself: I am an AI support companion, not a psychologist or a health professional. I cannot diagnose, prescribe or change treatments. For that, please talk to a health professional; if it is urgent, call your emergency number.',
};

/** Where a sentence ends: terminal punctuation (with closing quotes) followed by a space, or a line break. */
const SENTENCE_END = /[.!?…]+["»”')\]]*(?=\s)|\n/g;

/**
 * Holds the model's stream back sentence by sentence. `push` returns the checked sentences ready to show (or the
 * violation that stops the answer); `end` checks what is left. Nothing unchecked is ever returned.
 */
export class SentenceGate {
  #pending = '';
  #violation: GuardViolation | null = null;

  get violation(): GuardViolation | null {
    return this.#violation;
  }

  push(delta: string): { text: string; violation: GuardViolation | null } {
    if (this.#violation) return { text: '', violation: this.#violation };
    this.#pending += delta;
    let cut = 0;
    for (const match of this.#pending.matchAll(SENTENCE_END)) cut = (match.index ?? 0) + match[0].length;
    if (cut === 0) return { text: '', violation: null };
    const ready = this.#pending.slice(0, cut);
    this.#pending = this.#pending.slice(cut);
    return this.#release(ready);
  }

  end(): { text: string; violation: GuardViolation | null } {
    if (this.#violation) return { text: '', violation: this.#violation };
    const rest = this.#pending;
    this.#pending = '';
    return this.#release(rest);
  }

  /** Checks each sentence of `chunk`; returns the ones before the first violation. */
  #release(chunk: string): { text: string; violation: GuardViolation | null } {
    let shown = '';
    for (const sentence of splitSentences(chunk)) {
      const violation = checkSentence(sentence);
      if (violation) {
        this.#violation = violation;
        return { text: shown, violation };
      }
      shown += sentence;
    }
    return { text: shown, violation: null };
  }
}

/** Sentences with their trailing punctuation and spaces, so joining them gives the text back unchanged. */
export function splitSentences(text: string): string[] {
  const parts: string[] = [];
  let from = 0;
  for (const match of text.matchAll(/[.!?…]+["»”')\]]*\s+|\n+/g)) {
    const to = (match.index ?? 0) + match[0].length;
    parts.push(text.slice(from, to));
    from = to;
  }
  if (from < text.length) parts.push(text.slice(from));
  return parts;
}
