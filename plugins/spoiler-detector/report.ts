/**
 * @module spoiler-detector/report
 * What people see: the labeller's annotation, and the responder's analysis (streamed lines, then a `card` body).
 * Never quotes the analysed text back (annotations must not carry message text; the card names categories only).
 */
import type { Annotation } from '../../bots/sdk/index.ts';
import { CATEGORY_EXPLANATIONS, CATEGORY_NAMES, type Bilingual, type Category } from './categories.ts';
import type { Detection, RiskLevel } from './detector.ts';
import type { Lang } from './lang.ts';
import { RESOURCES, formatLine, linesFor, type HelpLine } from './resources.ts';

export const RISK_NAMES: Readonly<Record<RiskLevel, Bilingual>> = {
  none: { es: 'ninguno', en: 'none' },
  low: { es: 'bajo', en: 'low' },
  medium: { es: 'medio', en: 'medium' },
  high: { es: 'alto', en: 'high' },
  critical: { es: 'crítico', en: 'critical' },
};

export const DISCLAIMER: Bilingual = {
  es: 'Esto no es un diagnóstico: es una lectura automática de palabras y frases, no conoce el contexto y puede equivocarse en los dos sentidos. Tú conoces tu situación; si algo te hace sentir mal, importa.',
  en: 'This is not a diagnosis: it is an automated reading of words and phrases, it does not know the context and can be wrong either way. You know your situation; if something makes you feel bad, that matters.',
};

export const DANGER_NOTE: Bilingual = {
  es: 'Si estás en peligro ahora mismo, llama al número de emergencias de tu país (112 en España y la UE, 911 en México, Argentina y EE. UU., 123 en Colombia, 133 en Chile).',
  en: 'If you are in danger right now, call your emergency number (112 in Spain and the EU, 911 in Mexico, Argentina and the USA, 123 in Colombia, 133 in Chile).',
};

export const SELF_HARM_NOTE: Bilingual = {
  es: 'Una amenaza de hacerse daño para que no te vayas es una forma de presión: no eres responsable de sus actos. Si crees que esa persona corre peligro, avisa a emergencias.',
  en: 'A threat of self-harm to stop you leaving is a form of pressure: you are not responsible for their actions. If you think they are in danger, call emergency services.',
};

const NO_FLAGS: Bilingual = {
  es: 'No he encontrado señales de alerta claras en este texto.',
  en: 'I did not find clear red flags in this text.',
};

const NO_FLAGS_HINT: Bilingual = {
  es: 'Que no aparezcan no significa que todo esté bien: si algo te hace sentir mal, confía en eso. Puedes pegar más mensajes o escribir «analiza esta conversación: …».',
  en: 'Not finding them does not mean everything is fine: if something makes you feel bad, trust that. You can paste more messages or write "analyze this conversation: …".',
};

const CUES_ONLY_NOTE: Bilingual = {
  es: '(Modelo no disponible ahora: análisis solo con reglas de palabras clave, menos sensible.)',
  en: '(Model unavailable right now: keyword rules only, less sensitive.)',
};

export interface ReportOptions {
  readonly country?: string | undefined;
  readonly modelVersion?: string | undefined;
}

/** The labeller's result: null when nothing was flagged. Labels carry the combined score of each flagged category. */
export function annotationOf(detection: Detection, options: ReportOptions = {}): Annotation | null {
  if (!detection.redFlag) return null;
  const categories = detection.categories;
  return {
    labels: categories.map((c) => ({ label: c, score: detection.scores[c].combined })),
    risk: detection.risk,
    detail: {
      kind: 'spoiler-flags',
      source: detection.source,
      ...(options.modelVersion === undefined ? {} : { model: `spoiler@${options.modelVersion}` }),
      categories,
      names: pick(CATEGORY_NAMES, categories),
      explanations: pick(CATEGORY_EXPLANATIONS, categories),
      cues: detection.cueHits.filter((hit) => categories.includes(hit.category)).map((hit) => hit.id),
      ...(detection.danger ? { urgent: DANGER_NOTE } : {}),
      ...(detection.selfHarm ? { selfHarm: SELF_HARM_NOTE } : {}),
      resources: linesFor(options.country).map(resourceOf),
      resourcesVerifiedAt: RESOURCES.verifiedAt,
      disclaimer: DISCLAIMER,
    },
  };
}

export interface Analysis {
  /** The lines to stream, in order (each ends with a newline). Joined, they are `body.text`. */
  readonly lines: readonly string[];
  readonly body: { text: string; kind: 'card'; data: AnalysisCard };
}

export interface AnalysisCard {
  readonly title: string;
  readonly items: readonly AnalysisItem[];
  readonly risk: RiskLevel;
  readonly redFlag: boolean;
  readonly language: Lang;
  readonly source: Detection['source'];
  readonly resources: readonly ReturnType<typeof resourceOf>[];
  readonly resourcesVerifiedAt: string;
  readonly disclaimer: Bilingual;
}

export interface AnalysisItem {
  readonly category: Category;
  readonly name: Bilingual;
  readonly explanation: Bilingual;
  readonly score: number;
}

const TITLE: Bilingual = { es: 'Análisis: señales de alerta', en: 'Analysis: red flags' };

/**
 * The responder's analysis: in `lang` first (categories with a short explanation, risk, urgent notes, help lines, the
 * limits), then a short summary in the other language; the card repeats it as data.
 */
export function analysisOf(detection: Detection, lang: Lang, options: ReportOptions = {}): Analysis {
  const other: Lang = lang === 'es' ? 'en' : 'es';
  const lines: string[] = [];
  const add = (line = '') => lines.push(`${line}\n`);
  const lines0 = linesFor(options.country);
  add(`🔎 ${TITLE[lang]}`);
  if (detection.source === 'cues') add(CUES_ONLY_NOTE[lang]);
  if (!detection.redFlag) {
    add(NO_FLAGS[lang]);
    add(`${lang === 'es' ? 'Nivel de riesgo' : 'Risk level'}: ${RISK_NAMES.none[lang]}.`);
    add(NO_FLAGS_HINT[lang]);
    add();
    add(`${NO_FLAGS[other]} ${other === 'es' ? 'Riesgo' : 'Risk'}: ${RISK_NAMES.none[other]}.`);
  } else {
    add(lang === 'es' ? 'Señales de alerta que aparecen:' : 'Red flags that appear:');
    for (const c of detection.categories) add(`• ${CATEGORY_NAMES[c][lang]}: ${CATEGORY_EXPLANATIONS[c][lang]}`);
    add(`${lang === 'es' ? 'Nivel de riesgo' : 'Risk level'}: ${RISK_NAMES[detection.risk][lang]}.`);
    if (detection.danger) add(`⚠️ ${DANGER_NOTE[lang]}`);
    if (detection.selfHarm) add(SELF_HARM_NOTE[lang]);
    add(lang === 'es' ? 'Si quieres hablar con alguien (gratis y confidencial):' : 'If you want to talk to someone (free and confidential):');
    for (const line of lines0) add(`• ${formatLine(line, lang)}`);
    add(DISCLAIMER[lang]);
    add();
    const names = detection.categories.map((c) => CATEGORY_NAMES[c][other]).join(', ');
    const help = lines0.map((line) => `${line.country} ${line.phone}`).join(' · ');
    add(
      other === 'es'
        ? `Señales: ${names}. Riesgo: ${RISK_NAMES[detection.risk].es}. Ayuda: ${help}. No es un diagnóstico.`
        : `Red flags: ${names}. Risk: ${RISK_NAMES[detection.risk].en}. Help: ${help}. Not a diagnosis.`,
    );
  }
  const text = lines.join('');
  return {
    lines,
    body: {
      text,
      kind: 'card',
      data: {
        title: TITLE[lang],
        items: detection.categories.map((c) => ({
          category: c,
          name: CATEGORY_NAMES[c],
          explanation: CATEGORY_EXPLANATIONS[c],
          score: detection.scores[c].combined,
        })),
        risk: detection.risk,
        redFlag: detection.redFlag,
        language: lang,
        source: detection.source,
        resources: detection.redFlag ? lines0.map(resourceOf) : [],
        resourcesVerifiedAt: RESOURCES.verifiedAt,
        disclaimer: DISCLAIMER,
      },
    },
  };
}

function resourceOf(line: HelpLine) {
  return {
    country: line.country,
    name: line.name,
    phone: line.phone,
    ...(line.whatsapp === undefined ? {} : { whatsapp: line.whatsapp }),
    ...(line.text === undefined ? {} : { text: line.text }),
    ...(line.url === undefined ? {} : { url: line.url }),
    hours: line.hours,
    emergency: line.emergency,
  };
}

function pick(table: Readonly<Record<Category, Bilingual>>, categories: readonly Category[]): Record<string, Bilingual> {
  return Object.fromEntries(categories.map((c) => [c, table[c]]));
}
