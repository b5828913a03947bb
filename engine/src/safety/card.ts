/**
 * @module safety/card
 * The `crisis` card, composed by the engine from the helpline directory (so no plugin can drop or alter a line):
 * a short, warm, literal message in a fixed order — what you said matters and I am not a person → if you are in
 * danger now, call the emergency number → these lines, free and confidential → a person — in the user's language
 * first, then the other. `body.text` repeats it with the numbers, for clients that do not know the `crisis` kind.
 */
import type { CrisisData, MessageBody, RiskLevel } from '../../../schema/protocol.ts';
import { linesFor, type CardLine, type HelplineCountry, type RiskCategory } from './directory.ts';

export type Locale = 'es' | 'en';

export interface HumanContactSetting {
  available: boolean;
  es?: string;
  en?: string;
}

/** `data` of the card (schema/PROTOCOL.md "Differences and extensions"). */
export interface CrisisCardData extends CrisisData {
  lines: CardLine[];
  emergency: string;
  i18n: { es: string; en: string };
  humanContact: { available: boolean };
  level: RiskLevel;
}

export interface CardInput {
  /** The user's country code (kept even when the fallback entry's lines are shown). */
  country: string;
  entry: Pick<HelplineCountry, 'emergency' | 'lines'>;
  category: RiskCategory;
  level: RiskLevel;
  locale: Locale;
  /** A card was already shown in this conversation. */
  repeat: boolean;
  humanContact: HumanContactSetting;
}

type Both = { es: string; en: string };

const OPENING: Record<RiskCategory, Both> = {
  self: {
    es: 'Lo que cuentas es importante y no tienes que pasarlo a solas. Soy un asistente automático, no una persona, y no puedo ayudarte como lo haría alguien preparado para esto.',
    en: "What you're going through matters and you don't have to face it alone. I'm an automated assistant, not a person, and I can't help the way a trained person can.",
  },
  others: {
    es: 'Lo que describes suena peligroso. Tu seguridad es lo primero. Soy un asistente automático y no puedo avisar a nadie por ti.',
    en: "What you describe sounds dangerous. Your safety comes first. I'm an automated assistant and I can't alert anyone for you.",
  },
  third_party: {
    es: 'Gracias por preocuparte por esa persona. Soy un asistente automático, no una persona. Estas líneas también atienden a familiares y amistades.',
    en: "Thank you for looking out for them. I'm an automated assistant, not a person. These lines also help family and friends.",
  },
};

const REPEAT: Both = {
  es: 'Sigo aquí. Lo que dices me preocupa, así que te dejo otra vez los teléfonos de ayuda.',
  en: "I'm still here. What you say worries me, so here are the helplines again.",
};

function humanLine(contact: HumanContactSetting): Both {
  if (contact.available) {
    return {
      es: contact.es ?? 'Si quieres, una persona del equipo puede escribirte aquí.',
      en: contact.en ?? 'If you want, a person from our team can write to you here.',
    };
  }
  return {
    es: 'Si prefieres hablar con una persona, estas líneas te ponen en contacto con una.',
    en: 'If you would rather talk to a person, these lines put you in touch with one.',
  };
}

const lineText = (line: CardLine) => [`• ${line.name}`, line.phone, line.hours ? `(${line.hours})` : undefined, line.url].filter(Boolean).join(' — ');

export function crisisCard(input: CardInput): MessageBody {
  const opening = input.repeat ? REPEAT : OPENING[input.category];
  // The emergency number is a line too (clients that show only `lines` must show it): first when the danger is
  // from others or the level is critical, last otherwise.
  const emergency: CardLine = { name: input.locale === 'en' ? 'Emergency' : 'Emergencias', phone: input.entry.emergency, hours: '24 h', kind: 'emergency' };
  const directoryLines = linesFor(input.entry, input.category);
  const lines = input.category === 'others' || input.level === 'critical' ? [emergency, ...directoryLines] : [...directoryLines, emergency];
  const urgent: Both = {
    es: `Si estás en peligro ahora mismo, llama al ${input.entry.emergency}.`,
    en: `If you are in danger right now, call ${input.entry.emergency}.`,
  };
  const help: Both = input.category === 'others'
    ? { es: 'Estas líneas pueden ayudarte:', en: 'These lines can help you:' }
    : { es: 'Puedes hablar ahora, gratis y de forma confidencial, con:', en: 'You can talk now, free and confidentially, to:' };
  const human = humanLine(input.humanContact);
  const sentence = (l: Locale) => `${opening[l]} ${urgent[l]} ${help[l].replace(/:$/, '')} ${l === 'es' ? 'las líneas de abajo' : 'the lines below'}. ${human[l]}`;
  const i18n = { es: sentence('es'), en: sentence('en') };
  const order: Locale[] = input.locale === 'en' ? ['en', 'es'] : ['es', 'en'];
  const data: CrisisCardData = {
    country: input.country,
    lines,
    emergency: input.entry.emergency,
    text: order.map((l) => i18n[l]).join('\n\n'),
    i18n,
    humanContact: { available: input.humanContact.available },
    level: input.level,
  };
  const first = order[0]!;
  const second = order[1]!;
  const plain = [`${opening[first]} ${urgent[first]}`, help[first], ...lines.map(lineText), human[first], '', `${opening[second]} ${urgent[second]}`, human[second]].join('\n');
  return { kind: 'crisis', text: plain, data };
}
