/**
 * @module safety/card
 * The `crisis` card (schema/PROTOCOL.md: `body.kind: "crisis"`, `data {country, lines [{name, phone, url, hours}],
 * text}`): a short, warm, literal message, Spanish first then English, the helplines for the user's country, the
 * emergency number, and an offer of human contact. Plain sentences and a fixed order (what happened, who can help
 * now, emergency, a person) — predictable for neurodivergent readers. `body.text` repeats everything in plain text,
 * so a client that does not know the `crisis` kind still shows the numbers.
 */
import type { CrisisData, MessageBody } from '../../schema/protocol.ts';
import type { ChosenLines } from './helplines.ts';
import type { Category } from './patterns.ts';

export interface HumanContact {
  /** A person (moderator, on-call professional) can be reached through the platform. */
  readonly available: boolean;
  /** What the user is told when one can, e.g. "Una persona del equipo puede escribirte…". */
  readonly es?: string;
  readonly en?: string;
}

export interface CardOptions {
  readonly category: Category;
  /** A card was already shown in this conversation. */
  readonly repeat: boolean;
  readonly humanContact: HumanContact;
}

/** `data` of the card: the protocol's fields plus `humanContact` (clients may show a "talk to a person" button). */
export interface CrisisCardData extends CrisisData {
  readonly humanContact: { readonly available: boolean };
}

const OPENING: Record<Category, { es: string; en: string }> = {
  self: {
    es: 'Lo que cuentas es importante y no tienes que pasarlo a solas. Soy un asistente automático, no una persona, y no puedo ayudarte como lo haría alguien preparado para esto.',
    en: "What you're going through matters and you don't have to face it alone. I'm an automated assistant, not a person, and I can't help the way a trained person can.",
  },
  others: {
    es: 'Lo que describes suena peligroso. Tu seguridad es lo primero. Soy un asistente automático y no puedo avisar a nadie por ti.',
    en: "What you describe sounds dangerous. Your safety comes first. I'm an automated assistant and I can't alert anyone for you.",
  },
  third_party: {
    es: 'Gracias por preocuparte por esa persona. Soy un asistente automático, no una persona. Estas líneas también atienden a familiares y amistades y pueden orientarte sobre qué hacer.',
    en: "Thank you for looking out for them. I'm an automated assistant, not a person. These lines also help family and friends and can guide you on what to do.",
  },
};

const REPEAT = {
  es: 'Sigo aquí. Lo que dices me preocupa, así que te dejo otra vez los teléfonos de ayuda.',
  en: "I'm still here. What you say worries me, so here are the helplines again.",
};

function humanLine(contact: HumanContact): { es: string; en: string } {
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

function lineText(line: { name: string; phone?: string; url?: string; hours?: string }): string {
  return [`• ${line.name}`, line.phone, line.hours ? `(${line.hours})` : undefined, line.url].filter(Boolean).join(' — ');
}

export function crisisCard(chosen: ChosenLines, options: CardOptions): MessageBody {
  const opening = options.repeat ? REPEAT : OPENING[options.category];
  const urgent = {
    es: `Si estás en peligro ahora mismo, llama al ${chosen.emergencyPhone}.`,
    en: `If you are in danger right now, call ${chosen.emergencyPhone}.`,
  };
  const help = {
    es: options.category === 'others' ? 'Estas líneas pueden ayudarte:' : 'Puedes hablar ahora, gratis y de forma confidencial, con:',
    en: options.category === 'others' ? 'These lines can help you:' : 'You can talk now, free and confidentially, to:',
  };
  const human = humanLine(options.humanContact);
  const text = `${opening.es} ${urgent.es} ${help.es.replace(/:$/, '')} las líneas de abajo. ${human.es}\n\n${opening.en} ${urgent.en} ${help.en.replace(/:$/, '')} the lines below. ${human.en}`;
  const data: CrisisCardData = {
    country: chosen.country,
    lines: chosen.lines,
    text,
    humanContact: { available: options.humanContact.available },
  };
  const plain = [`${opening.es} ${urgent.es}`, help.es, ...chosen.lines.map(lineText), human.es, '', `${opening.en} ${urgent.en}`, human.en].join('\n');
  return { kind: 'crisis', text: plain, data };
}
