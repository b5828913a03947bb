/**
 * @module safety/patterns
 * Layer 1: the curated phrase/pattern list (Spanish first, English), deterministic and explainable.
 *
 * Text is normalised first (`normalizeForPatterns`): accents stripped, lower case, apostrophes dropped, letters
 * repeated 3+ times collapsed ("mueroooo" → "muero"), and common chat spellings mapped to one form ("kiero" →
 * "quiero", "q" → "que", "gonna" → "going to", "rn" → "right now"). Every regex below runs on that form, so it is
 * accent- and case-insensitive by construction.
 *
 * Each pattern has a level and a category (`self`, `others` = danger from someone else, `third_party` = someone
 * the writer knows is at risk). Idioms are kept out two ways:
 * - a pattern's own `unless` guard (e.g. "me quiero morir" unless "... de vergüenza / de risa");
 * - message-wide guards: a *joke* marker (jaja, lol, 😂, "xd", "qué oso"…) lowers patterns marked `joke` to that
 *   level, and a *recovery* story (past tense, "hace 3 años", "used to", "llevo 2 años sin…") with no recent-time
 *   marker ("anoche", "otra vez", "yesterday"…) lowers patterns marked `past`. Imminent patterns have neither.
 *
 * `IDIOMS` lists hyperbole the classifier should not be trusted on ("este examen me va a matar"): when one is
 * present and no risk pattern matched, the combination uses a stricter classifier threshold (assess.ts).
 *
 * `DRAFT_HARM_PATTERNS` are for the bots' own drafts: method or dose details, instructions, encouragement. A bot
 * that *talks about* risk supportively ("¿estás pensando en suicidarte?") does not match them.
 *
 * Changing a pattern changes behaviour engine-wide: run `npx vitest run test/safety` and `npx tsx bots/safety/eval.ts`.
 */
import { maxLevel, rank, type RiskLevel } from './levels.ts';

export const PATTERNS_VERSION = 'patterns@5';

export type Category = 'self' | 'others' | 'third_party';

export interface RiskPattern {
  readonly id: string;
  readonly level: RiskLevel;
  readonly category: Category;
  readonly re: RegExp;
  /** The match is ignored when this matches the (normalised) message. */
  readonly unless?: RegExp;
  /** Level when the message carries a joke marker (laughter, emoji, "xd"). Absent: jokes do not lower it. */
  readonly joke?: RiskLevel;
  /** Level when the message is a recovery story with no recent-time marker. Absent: unaffected. */
  readonly past?: RiskLevel;
}

export interface PatternMatch {
  readonly id: string;
  readonly level: RiskLevel;
  readonly category: Category;
  /** The level before a joke/recovery guard lowered it (only when it was lowered). */
  readonly loweredFrom?: RiskLevel;
}

export interface PatternResult {
  /** Highest level among the matches (`none` without any). */
  readonly level: RiskLevel;
  /** Category of the highest match; `self` by default. */
  readonly category: Category;
  readonly matches: readonly PatternMatch[];
  /** Idioms found (ids), for the classifier's stricter threshold. */
  readonly idioms: readonly string[];
  readonly joke: boolean;
  readonly recovery: boolean;
}

// ---------------------------------------------------------------- normalisation

const SPELLINGS: readonly [RegExp, string][] = [
  // Spanish chat spellings
  [/\b(?:kiero|qiero|qero|kero|quero)\b/g, 'quiero'],
  [/\b(?:kieres|qieres)\b/g, 'quieres'],
  [/\b(?:q|k|ke|qe)\b/g, 'que'],
  [/\b(?:xq|pq|porq|xk)\b/g, 'porque'],
  [/\bd\b/g, 'de'],
  [/\bpa\b/g, 'para'],
  [/\b(?:toy|stoy|estoi|toi)\b/g, 'estoy'],
  [/\bvoi\b/g, 'voy'],
  [/\bnd\b/g, 'nada'],
  [/\btmb\b|\btb\b/g, 'tambien'],
  [/\bsu[iy]?[cs]+i?d/g, 'suicid'],
  [/pastiy/g, 'pastill'],
  [/\bestran(?=[aeo])/g, 'extran'],
  // English chat spellings
  [/\bwanna\b/g, 'want to'],
  [/\bgonna\b/g, 'going to'],
  [/\bgotta\b/g, 'got to'],
  [/\brn\b/g, 'right now'],
  [/\b(?:tonite|2nite|2night)\b/g, 'tonight'],
  [/\b(?:tmrw|tmr|tmrow|tomoro|tomorow|2moro)\b/g, 'tomorrow'],
  [/\bu\b/g, 'you'],
  [/\bur\b/g, 'your'],
  [/\bwud\b/g, 'would'],
  [/\bcuz|\bcos\b/g, 'because'],
  [/\bim\b/g, 'i am'],
  [/\bi m\b/g, 'i am'],
  [/\bive\b/g, 'i have'],
  [/\bid\b/g, 'i would'],
  [/\bill\b(?= (?:kill|do|end|jump|take|be))/g, 'i will'],
  [/\bdont\b/g, 'do not'],
  [/\bdoesnt\b/g, 'does not'],
  [/\bcant\b/g, 'can not'],
  [/\bcannot\b/g, 'can not'],
  [/\bwont\b/g, 'will not'],
  [/\bwouldnt\b/g, 'would not'],
  [/\bwasnt\b/g, 'was not'],
  [/\bwerent\b/g, 'were not'],
  [/\bshouldnt\b/g, 'should not'],
  [/\bcouldnt\b/g, 'could not'],
  [/\bdidnt\b/g, 'did not'],
  [/\bhavent\b/g, 'have not'],
  [/\bhasnt\b/g, 'has not'],
  [/\barent\b/g, 'are not'],
  [/\byoure\b/g, 'you are'],
  [/\byoull\b/g, 'you will'],
  [/\bthats\b/g, 'that is'],
  [/\bisnt\b/g, 'is not'],
  [/\bwhats\b/g, 'what is'],
  [/\bhes\b/g, 'he is'],
  [/\bshes\b/g, 'she is'],
  [/\btheyre\b/g, 'they are'],
  [/\btheyll\b/g, 'they will'],
  [/\bhell\b(?= (?:kill|hurt|beat|find))/g, 'he will'],
  [/\bshell\b(?= (?:kill|hurt|beat|find))/g, 'she will'],
];

/** The text every pattern runs on. Exported for tests and for the evaluation's error listings. */
export function normalizeForPatterns(text: string): string {
  let t = text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘`´']/g, '')
    .replace(/(\p{L})\1{2,}/gu, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  for (const [re, to] of SPELLINGS) t = t.replace(re, to);
  return t;
}

// ---------------------------------------------------------------- shared fragments

/** Laughter, joking emoji, "xd", embarrassment markers. */
const JOKE = /(?:\b(?:ja(?:ja)+j?|je(?:je)+|ji(?:ji)+|xd+|lol|lmao|lmfao|rofl|haha(?:ha)*|hehe|que oso|que verguenza|jk|just kidding|(?<!no )es broma|es coña|(?<!not )joking)\b|😂|🤣|😹|😆|😅|🙈|💀|😜|🤪)/u;
/**
 * A hyperbole frame: explicit self-kill words said as a joke are lowered only inside one of these ("si suspendo me
 * suicido jaja", "if I fail I'll kill myself lol"); laughter alone after "me quiero matar" is not enough.
 */
const JOKE_FRAME = /\b(?:si|como|cuando|if|when|de la pereza|de (?:la )?verguenza|otra reunion|another meeting)\b/;
/** Quoted words from a song, poem, play or story: said by someone else, not by the writer. */
const QUOTED = /\b(?:la cancion|cancion|la letra|el poema|poema|la obra|el relato|mi novela|la frase|the song|song|lyrics|the poem|poem|the play|my story|the line)\b.{0,40}["“«]|["“«][^"”»]{3,80}["”»]\s*(?:dice|canta|says|sings|goes)\b/;
/** A recovery story: past episodes told from safety. */
const RECOVERY =
  /\b(?:hace (?:\d+|un|una|dos|tres|cuatro|cinco|varios|muchos) (?:anos|ano|meses)|cuando (?:tenia|era) |antes me |llevo (?:\d+|un|una|dos|tres|varios|muchos) (?:anos|ano|meses|dias) sin|sali adelante|supere|hoy estoy bien|ya no (?:lo hago|tengo esas ideas)|used to|years ago|when i was (?:\d+|a kid|younger|a teen)|(?:years?|months?) clean|i survived|doing (?:well|better|great) now|not anymore|no longer)\b/;
/** Something happening now or recently: a recovery story with one of these is not just the past. */
const RECENT =
  /\b(?:anoche|ayer|hoy(?! (?:estoy bien|tengo|soy))|esta (?:manana|tarde|noche|semana)|otra vez|de nuevo|volvi|vuelvo|he vuelto|recaido|recai|ahora mismo|last night|tonight|yesterday|today(?! i am (?:happy|fine|ok|okay|well|good|better|doing))|this (?:week|morning)|again|relapsed|right now)\b/;

const TAKE_PAST_ES = String.raw`(?:me (?:he )?(?:tomado|tome|trague|tragado|bebi|he bebido)|me acabo de (?:tomar|tragar|beber)|acabo de (?:tomar|tragar|beber)(?:me)?|ya me (?:tome|trague|he tomado))`;
const PILLS_ES = String.raw`(?:pastillas?|pildoras?|capsulas?|comprimidos?|medicamentos?|medicacion|ansioliticos?|antidepresivos?|somniferos?|calmantes?|paracetamol|ibuprofeno\w*|clonazepam|diazepam|lorazepam|alprazolam|tranquilizantes?|veneno|lejia|blister|bote|frasco|caja|tabletas?)`;
const PILLS_EN = String.raw`(?:pills?|meds|medications?|medicine|tablets?|capsules?|painkillers?|sleeping pills|paracetamol|tylenol|ibuprofen|acetaminophen|aspirin|xanax|sertraline|prozac|antidepressants?|bottle|poison|bleach|pack|packet|box|strip)`;
const HEIGHTS_ES = String.raw`(?:azotea|tejado|terraza del edificio|borde|cornisa|puente|ventana|balcon|vias?|andén|anden|acantilado|precipicio|barandilla)`;
const HEIGHTS_EN = String.raw`(?:roof|rooftop|bridge|ledge|edge|window ?(?:ledge|sill)?|balcony|tracks|platform|cliff|railing)`;
const FAMILY_ES = String.raw`(?:mi (?:pareja|novio|novia|marido|esposo|esposa|mujer|ex|exnovio|expareja|padre|papa|madre|mama|padrastro|madrastra|hermano|hermana|tio|tia|abuelo|jefe|hijo|hija|suegro|suegra|companero de piso|vecino|primo)|en (?:mi )?casa)`;
const PERSON_EN = String.raw`(?:my (?:partner|boyfriend|girlfriend|husband|wife|ex|dad|father|mom|mum|mother|stepdad|stepfather|stepmom|stepmother|brother|sister|uncle|aunt|son|daughter|boss|roommate|flatmate)|at home)`;
const SELF_KILL_ES = String.raw`(?:matarme|suicidarme|quitarme la vida|acabar con mi vida|terminar con mi vida|ahorcarme|colgarme|cortarme las venas|envenenarme|pegarme un tiro|tirarme (?:por|de|desde|a|al) (?:la |el |un |una )?(?:${HEIGHTS_ES.slice(3, -1)}|tren|metro))`;

// ---------------------------------------------------------------- user risk patterns

const p = (id: string, level: RiskLevel, category: Category, re: RegExp, extra: Partial<Pick<RiskPattern, 'unless' | 'joke' | 'past'>> = {}): RiskPattern => ({
  id,
  level,
  category,
  re,
  ...extra,
});

export const RISK_PATTERNS: readonly RiskPattern[] = [
  // ------------------------------------------------ critical: in progress or imminent (es)
  p('es.ingested', 'critical', 'self', new RegExp(String.raw`\b${TAKE_PAST_ES}\b.{0,30}\b(?:todas?|todo el|toda la|un bote|el bote|el blister|la caja|el frasco|un monton|muchas|un punado|[2-9]\d|\d{3})\b.{0,25}${PILLS_ES}|\b${TAKE_PAST_ES} (?:el |un )?(?:veneno|lejia|bote entero|blister entero)|\bya me (?:tome|trague|he tomado) (?:las|mis|todas)\b`)),
  p('es.took-pills-feel', 'critical', 'self', new RegExp(String.raw`\bme (?:tome|trague|he tomado) (?:las|todas las|mis) ${PILLS_ES} hace (?:un rato|una hora|\d+ (?:minutos|horas)|poco)`)),
  p('es.at-height-now', 'critical', 'self', new RegExp(String.raw`\b(?:estoy|ando) (?:en|sentad[oa] en|subid[oa] a|de pie en|parad[oa] en) (?:el |la |lo |los |las |un |una )?(?:borde de(?:l| la)? )?${HEIGHTS_ES}\b.{0,60}\b(?:saltar|tirarme|tiro|adios|ya no puedo|no aguanto|despedir|no intentes|voy a hacerlo|lo hago|ya no hay vuelta|no se si bajar|ya lo he decidido|lo he decidido|mirando el agua)`)),
  p('es.at-edge', 'critical', 'self', /\b(?:llevo un rato|llevo horas) en el (?:puente|tejado|azotea|borde)\b.{0,40}\b(?:decidido|agua|saltar|adios)\b|\bestoy en el borde (?:del|de la|de un|de una) (?:puente|edificio|azotea|balcon|ventana|acantilado)\b/),
  p('es.jumping-now', 'critical', 'self', new RegExp(String.raw`\b(?:me tiro ya|me voy a tirar (?:ya|ahora)|voy a tirarme (?:ya|ahora)|voy a saltar (?:ya|ahora)|estoy (?:a punto de|por) (?:saltar|tirarme))\b`)),
  p('es.imminent', 'critical', 'self', new RegExp(String.raw`\b(?:esta noche|hoy mismo|ahora mismo|ahora|en (?:un rato|una hora|unos minutos|media hora|\d+ minutos))\b.{0,25}\b(?:me mato|me suicido|me quito la vida|me voy a (?:matar|suicidar|quitar la vida|ahorcar)|lo hago|me tiro|acabo con todo|acabo con mi vida)\b|\b(?:me mato|me suicido|me voy a (?:matar|suicidar)|lo hago) (?:esta noche|hoy mismo|ahora mismo|ahora|en (?:un rato|una hora|unos minutos))\b`), {
    unless: /\blo hago (?:esta noche|hoy|ahora)\b.{0,30}\b(?:tarea|deberes|trabajo|examen|pastel|cena|comida|informe)/,
  }),
  p('es.day-goodbye', 'critical', 'self', /\b(?:hoy|esta noche|manana) es el dia\b.{0,30}\badios\b|\bno hay vuelta atras\b.{0,40}\b(?:adios|lo hago|tejado|azotea|puente|pastillas)\b|\ben cuanto se vayan (?:todos )?lo hago\b|\b(?:hoy|esta noche|ahora) lo hago\b.{0,30}\b(?:no hay vuelta atras|adios|ya esta (?:todo )?(?:preparado|decidido))|\bestoy en las vias\b|\b(?:ya )?estoy en (?:la|las) vias?\b.{0,40}\btren\b/),
  p('es.means-in-hand', 'critical', 'self', /\btengo (?:la|el|una|un|las) (?:cuchilla|navaja|pistola|arma|escopeta|cuerda|soga|pastillas|cuchillo)\b.{0,25}\b(?:en la mano|aqui conmigo|delante|cargad[ao]|atad[ao]|puest[ao]|colgad[ao]|preparad[ao]|en la muneca)\b|\b(?:ya tengo|tengo) (?:la cuerda|la soga) (?:atada|puesta|colgada|preparada)\b|\b(?:la cuerda|la soga) (?:ya )?(?:esta )?(?:atada|puesta|colgada)\b|\bla cuchilla (?:ya )?(?:esta )?en mi muneca\b|\b(?:la soga|la cuerda) (?:al|en el|alrededor del) cuello\b/),
  p('es.bleeding', 'critical', 'self', /\bme (?:he )?cortado las munecas\b|\b(?:me estoy desangrando|me corte (?:muy |demasiado )?profundo|me corte demasiado|acabo de cortarme las venas|me he cortado las venas)\b/, {
    unless: /\b(?:cocinando|cebolla|cuchillo de cocina|afeitando|cristal|accidente)\b/,
  }),
  p('es.gas-car', 'critical', 'self', /\b(?:coche|carro|auto) con el motor (?:encendido|en marcha) en el garaje\b/),
  p('es.done', 'critical', 'self', /\b(?:ya esta hecho|acabo de hacerlo),? (?:perdon|adios|me tome)|\bya esta hecho, me tome\b|\bya me tome (?:el|todo)\b|\bme quedan (?:unos )?minutos\b.{0,30}\bdespedir/),
  p('es.others-now', 'critical', 'others', /\b(?:me|nos) (?:esta|estan) (?:pegando|golpeando|estrangulando|ahorcando|apunalando|ahogando|violando|agrediendo)\b/),
  p('es.door', 'critical', 'others', /\b(?:esta|estan) (?:golpeando|rompiendo|aporreando|pateando|forzando|intentando (?:abrir|romper|tirar|forzar|entrar en))(?: la| mi)? (?:puerta|ventana|casa)\b|\b(?:hay alguien|alguien esta) intentando entrar (?:en|a) (?:mi )?casa\b|\b(?:esta|estan) rompiendo la puerta\b/),
  p('es.weapon-threat', 'critical', 'others', /\btiene (?:un|una|el|la) (?:cuchillo|navaja|pistola|arma|escopeta|machete)\b.{0,50}\b(?:amenaz|matar|matarnos|matarme|ayuda|dice que)/),
  p('es.kill-threat-now', 'critical', 'others', /\b(?:me|nos) (?:quiere|va a|van a|quieren) matar\b.{0,40}\b(?:ayuda|ahora|esta aqui|esta fuera|en casa|en la puerta|ayudame)\b|\b(?:ayuda|ayudame|ayudenme|socorro)\b.{0,20}\b(?:me|nos) (?:quiere|va a) matar\b|\b(?:esta|estan) (?:fuera|aqui|en la puerta)\b.{0,40}\b(?:me|nos) (?:va|van) a matar\b|\bacaba de amenazarme con matarme\b.{0,30}\b(?:aqui|en casa)\b|\bgritando que me va a matar\b/),
  p('es.locked-in', 'critical', 'others', /\bme (?:encerro|ha encerrado|tiene encerrad[oa])\b|\bestoy escondid[oa]\b.{0,40}\b(?:pegar|matar|buscando)/),
  p('es.coming-for-me', 'critical', 'others', /\b(?:viene|vienen) a por mi\b|\bme (?:estan|esta) siguiendo\b.{0,40}\b(?:esconder|ayuda|miedo)\b|\b(?:ayuda|socorro|ayudame)\b.{0,20}\bme (?:estan|esta) siguiendo\b|\bhay (?:un (?:hombre|tipo|tio|senor|chico)|alguien|una persona|gente)(?: (?:en|dentro de) (?:mi )?(?:casa|cuarto|habitacion|piso|departamento)| (?:en|fuera de|afuera de) (?:la|mi) (?:puerta|casa))? con (?:un|una) (?:cuchillo|arma|pistola|navaja|machete|escopeta)\b/),
  p('es.hit-bleeding', 'critical', 'others', /\bme acaba de pegar\b.{0,40}\b(?:sangr|sigue aqui|esta aqui)\b|\bme (?:ha|esta) agarra(?:do|ndo) del cuello\b|\bme (?:ha )?pegado y sigue (?:en casa|aqui)\b/),

  // ------------------------------------------------ high (es)
  p('es.want-kill-self', 'high', 'self', new RegExp(String.raw`\b(?:me quiero|quiero|me voy a|voy a|pienso|estoy pensando en|he pensado en|he decidido|decidi|pensando en|ganas de|no dejo de pensar en|deseo|necesito|me estoy planteando|me planteo|estoy considerando|considero|planteandome)\s+(?:seriamente |en serio |de verdad )?${SELF_KILL_ES}`), {
    joke: 'low',
    past: 'low',
    unless: /\b(?:ganas de matarme|quiero matarme) (?:a|de) (?:estudiar|trabajar|correr|entrenar|reir)\b/,
  }),
  p('es.me-quiero-matar', 'high', 'self', /\bme (?:quiero|voy a|pienso|tengo que) (?:matar|suicidar|quitar la vida|ahorcar|colgar)\b(?! (?:a|al|de|con) )/, { joke: 'low', past: 'low' }),
  p('es.me-suicido', 'high', 'self', /\bme suicido\b|\bme mato\b(?=.{0,30}\b(?:de verdad|no es broma|ya no aguanto|ya no puedo)\b)/, { joke: 'low' }),
  p('es.plan', 'high', 'self', /\btengo (?:un|el) plan para (?:matarme|suicidarme|quitarme la vida|morir)\b|\bya se como (?:lo voy a hacer|lo haria|hacerlo|matarme|suicidarme)\b|\blo tengo todo (?:pensado|planeado|preparado)\b|\bya (?:lo )?tengo (?:decidido|claro)\b.{0,25}\b(?:matar|suicid|morir|hacerlo)|\bsi (?:ya )?se como (?:lo voy a hacer|hacerlo)\b/, { past: 'low' }),
  p('es.stockpile', 'high', 'self', new RegExp(String.raw`\b(?:juntando|guardando|acumulando|ahorrando|escondiendo|reuniendo|junte|guarde|acumule|he (?:ido )?(?:guardando|juntando|acumulando)|he guardado|he juntado|tengo (?:juntad[ao]s|guardad[ao]s|escondid[ao]s|acumulad[ao]s)|(?:tengo )?(?:un monton|muchas) de)\b.{0,35}${PILLS_ES}`), {
    unless: /\b(?:para que (?:el nino|los ninos|mi hijo|mi hija) no|caducad|farmacia|punto sigre|reciclar)\b/,
    past: 'low',
  }),
  // Means kept ready "just in case": the object alone is ordinary, the hiding plus "por si acaso" is not.
  p('es.hidden-means', 'high', 'self', /\b(?:tengo|he) (?:guardad[oa]s?|escondid[oa]s?) (?:el cinturon|un cinturon|la cuerda|una cuerda|la soga|una soga|una cuchilla|la cuchilla|las cuchillas|la navaja|un cuchillo)\b.{0,40}\b(?:por si acaso|por si (?:un dia|algun dia)|para cuando|para el dia)\b/, { past: 'low' }),
  p('es.lethal-dose', 'high', 'self', new RegExp(String.raw`\bdosis\b.{0,30}\b(?:letal|mortal)\b|\b(?:he mirado|mire|busque|he buscado|calcule)\b.{0,20}\bcuant[ao]s (?:pastillas|mg|miligramos)\b.{0,20}\b(?:necesito|hacen falta|harian falta)\b|\b(?:cuant[oa]s?|que cantidad de)\b.{0,40}\b(?:para (?:morir|matarme|matarse|no despertar|suicidarme|suicidarse)|(?:es|son|seria|serian) (?:mortal|mortales|letal|letales)|me matarian|matan)\b|\b(?:mg|miligramos) (?:de \w+ )?(?:serian|son|es) (?:peligros|mortal|letal)|\bcuantos mg de mi medicacion serian peligrosos\b`)),
  p('es.method-seek', 'high', 'self', /\b(?:forma|manera|metodo|modo)s? (?:mas |menos )?(?:rapida|facil|indolora|dolorosa|segura|efectiva|sencilla)? ?(?:de|para) (?:morir|suicidarse|suicidarme|matarme|matarse|quitarse la vida|quitarme la vida)\b|\b(?:busque|busco|buscando|he mirado|mire|estuve buscando)\b.{0,25}\b(?:como (?:ahorcarme|suicidarme|matarme|cortarme las venas)|metodos para (?:suicidarme|morir|matarme))|\bque altura\b.{0,50}\bmortal\b|\bpensando en como lo haria\b|\bquiero (?:desaparecer|morir(?:me)?|irme) y ya se como\b|\bel suicidio es la unica (?:salida|opcion|solucion)\b|\b(?:suficientes? (?:pastillas|medicacion|medicamentos)|(?:medicacion|pastillas|medicamentos) suficientes?)\b.{0,20}\bpara (?:no despertar|morir|matarme)\b|\b(?:busque|he buscado|mire|he mirado|investigue)\b.{0,20}\b(?:que|cuales) (?:pastillas|medicamentos)\b.{0,20}\b(?:peligros|mortal|letal)/),
  p('es.self-harm-act', 'high', 'self', /\bme (?:he |volvi a |vuelvo a |he vuelto a |volvi a hacer )?(?:corte|cortado|cortar|corto|queme|quemado|quemo|lastime|lastimado|hecho cortes|hice cortes|hecho dano|hice dano|autolesion\w*)\b.{0,40}\b(?:brazos?|piernas?|munecas?|muslos|barriga|panza|a proposito|otra vez|de nuevo|anoche|ayer|esta (?:manana|tarde)|cuchilla|cutter|navaja|mechero|cigarros?|sangr\w*|marcas|para (?:no )?sentir|profundo|nadie lo sabe|no es la primera|no puedo parar|aguantar|la piel|cuando no puedo mas)\b|\bme (?:estoy|he estado) (?:cortando|quemando|autolesionando|haciendo dano)\b|\bme autolesiono\b|\b(?:volvi|he vuelto|vuelvo|volver) a (?:cortarme|quemarme|hacerme dano|autolesionarme|lastimarme)\b|\bme (?:volvi|he vuelto|vuelvo) a (?:cortar|quemar|lastimar|hacer dano|autolesionar)\b|\bme pego punetazos\b|\bme hice cortes\b|\bme (?:hago|hice|he hecho) heridas\b|\bme (?:arane|arano|rasgune)\b.{0,30}\b(?:brazos?|piernas?|a proposito|anoche|tijeras|sangr\w*)\b|\bcastigarme (?:haciendome|con) (?:dano|cortes)\b/, {
    unless: /^(?!.*\b(?:a proposito|para (?:no )?sentir|para castigarme|otra vez|de nuevo)\b).*\b(?:pelo|flequillo|unas|cebolla|pan|cocinando|cocina|afeitando|papel|folio|con el sol|al sol|plancha|planchando|horno|sarten|depilando|barba|lata|abrelatas|cristal|vidrio|aguja|cosiendo|sin querer|accidente|tirita|se me resbalo|bici|jugando)\b/,
    past: 'low',
  }),
  p('es.stop-meds', 'high', 'self', /\b(?:he dejado|deje) de (?:tomar mi insulina|comer) a proposito\b|\bme (?:tome|he tomado|trague) (?:mas|muchas|demasiadas) pastillas\b.{0,30}\ba proposito\b|\bme pase con las pastillas\b.{0,40}\b(?:no despertar|morir|a proposito)/),
  p('es.attempt-again', 'high', 'self', /\b(?:intente|intento) (?:suicidarme|matarme|quitarme la vida)\b.{0,40}\b(?:sigo con ganas|esta vez|otra vez|lo voy a hacer bien)|\bya lo intente una vez\b.{0,40}\besta vez\b/),
  p('es.farewell', 'high', 'self', /\besta es mi despedida\b|\bcartas? de despedida\b|\b(?:escribi|he escrito|ya escribi|deje) (?:la|una) (?:carta|nota)\b.{0,40}\b(?:despedida|familia|madre|padre|dia|voy|estare|me voy)|\b(?:cuidad|cuiden|cuida|cuidar) (?:de )?(?:a )?mis? (?:gatos?|perros?|hij[oa]s?|mascotas?)\b.{0,40}(?:$|\b(?:adios|perdon|os quiero|los quiero|gracias por todo)\b)|\bgracias por todo\b.{0,40}\bcuid|\bperdon(?:enme|adme)? (?:a )?todos,? (?:no puedo mas|adios)|\bsolo queria despedirme\b|\bme despido de (?:todos|todo el mundo|ustedes|vosotros)\b(?!.{0,40}\b(?:vacaciones|trabajo|curro|grupo|dormir|hasta|semana)\b)/, {
    unless: /\b(?:ultima semana|ultimo dia|vacaciones|curro|me voy a dormir|de viaje|mudanza|erasmus|despedida de soltera|relato|novela|libro|pelicula|trama|personaje|asesino|villano|obra de teatro|jubila\w*|jefe|jefa|companer[oa]s? de trabajo|companer[oa] que)\b/,
  }),
  p('es.wont-be-here', 'high', 'self', /\b(?:ya no (?:voy a|vais a|van a) (?:estar|necesitar|tener que aguantarme)|ya no (?:las|los) voy a (?:necesitar|usar)|yo ya no voy a estar|manana ya no estare|no voy a estar aqui mucho (?:mas )?tiempo|no voy a llegar al (?:lunes|viernes|finde|fin de semana)|cuando yo no este|pronto dejare de ser un problema|ya no me (?:vais|van) a tener que aguantar|he dejado todo (?:ordenado|en orden) para cuando me vaya|ya estoy list[oa]\b(?=.{0,5}$))/, {
    unless: /\bvacaciones|viaje|mudanza|erasmus|hospital para operarme\b/,
  }),
  p('es.decided', 'high', 'self', /\b(?:he decidido|decidi|ya he decidido|lo he decidido) (?:que )?no (?:voy a )?seguir\b|\b(?:esta semana|el finde|este finde|el fin de semana|el sabado|el domingo|manana) lo hago\b|\bvoy a (?:hacer que todo termine|terminar con todo|acabar con todo)\b|\bquiero (?:terminar|acabar) con todo(?: de una vez)?\b/, {
    unless: /\b(?:tarea|deberes|trabajo|examen|mudanza|limpieza|la casa|pendientes|series?)\b/,
  }),
  p('es.jump-intent', 'high', 'self', new RegExp(String.raw`\b(?:me voy a|voy a|quiero|pienso|pense en) (?:tirar(?:me)?|lanzar(?:me)?|arrojar(?:me)?) (?:por|de|desde|a|al|bajo|delante del?) (?:la |el |un |una |los )?(?:${HEIGHTS_ES.slice(3, -1)}|tren|metro|edificio|coche|camion|autopista|rio|mar)\b|\bpienso tirarme\b|\b(?:he pensado|pense|pienso|estoy pensando) en (?:tirarme|lanzarme|arrojarme) (?:por|de|desde|a|al|bajo|delante)\b|\b(?:me estoy planteando|me planteo|estoy considerando|considero) (?:seriamente )?(?:tirarme|saltar|lanzarme)\b`), { joke: 'low' }),
  p('es.take-all-pills', 'high', 'self', new RegExp(String.raw`\b(?:voy a|quiero|pienso en|estoy pensando en) tomar(?:me)? (?:todas|todo el bote|el bote|toda la caja|el blister)\b|\bpienso usarla\b|\btengo una (?:pistola|arma|escopeta) en casa\b.{0,30}\busar`)),
  p('es.bought-means', 'high', 'self', /\b(?:compre|he comprado|me compre) (?:una cuerda|unas cuchillas|cuchillas|lo que necesito para hacerlo|una soga)\b|\bhe buscado edificios altos\b|\bfui al puente a mirar\b|\b(?:varias|distintas|diferentes) farmacias\b.{0,40}\bpastillas\b|\b(?:medicamentos|pastillas)\b.{0,20}\b(?:peligros\w*|mortales|letales)\b.{0,10}\b(?:mezclad\w*|juntos|combinad\w*)/, {
    unless: /\b(?:tender|ropa|camping|acampar|tienda de campana|escalada|comba|perro|mudanza|cortar el pelo|afeitar\w*|maquinilla|depila\w*|barba|manualidades|escalar|saltar|gimnasio|gym|barco|velero|crossfit)\b/,
  }),
  p('es.others-violence', 'high', 'others', new RegExp(String.raw`\b${FAMILY_ES}\b.{0,40}\b(?:me|nos) (?:pega|pegan|pego|ha pegado|golpea|golpean|golpeo|maltrata|maltratan|agrede|agredio|empuja|empujo|dio una (?:bofetada|paliza)|da palizas|viola|violo|abusa|abuso|obliga|amenaza|amenazo|ha amenazado|agarra|controla)\b|\b(?:me|nos) (?:pega|pegan) con el cinturon\b|\ben casa me pegan\b|\bya me (?:ha pegado|pego) antes\b|\bme obliga a tener relaciones\b`), {
    unless: /\b(?:me pega (?:la gripe|el sol|los mocos|sus manias)|jaja)\b/,
  }),
  p('es.kill-threat', 'high', 'others', /\bamenaz\w* (?:de muerte|con matarme|con matarnos|con un cuchillo)\b|\bme (?:ha|han) amenazado de muerte\b|\b(?:dijo|dice|ha dicho|me dijo|me dice|me dijeron)\b.{0,12}\bque\b.{0,60}\bme (?:va a )?mata\b|\b(?:dijo|dice|ha dicho|me dijo|me dice)\b.{0,15}\bque me va a (?:matar|hacer dano)\b|\bme manda mensajes diciendo que me va a (?:matar|hacer dano)\b|\btengo miedo de que me mate\b|\bsi lo cuento me mata\b|\bsaben donde vivo\b|\bme va a hacer dano\b/, {
    unless: /\bjaja|\bno se lo digas a mi madre\b/,
  }),
  p('es.fear-partner', 'high', 'others', new RegExp(String.raw`\btengo miedo de (?:${FAMILY_ES.slice(3, -1)}|volver a casa)\b|\bme persigue un (?:tipo|hombre|tio|chico)\b|\bme (?:va|van) a dar una paliza\b|\bamenazo con darme una paliza\b|\btengo moratones porque\b|\bme rompe cosas\b`), { unless: /\bjaja/ }),

  // ------------------------------------------------ medium (es)
  p('es.no-despertar', 'medium', 'self', /\b(?:ya )?no quiero (?:despertar(?:me)?|volver a despertar(?:me)?)\b(?! (?:temprano|pronto|tan temprano|a las|manana temprano|manana a|el lunes|para ir|para el))|\bojala no (?:despertar(?:me)?|despertara|despierte)\b|\b(?:dormir(?:me)?|dormir) y no despertar\b|\bsi no despierto manana\b|\bsi (?:manana )?no (?:despertara|despierto)\b.{0,30}\b(?:igual|mejor|bien)\b|\bno despertar nunca mas\b|\bojala (?:me muriera|me muera|no despertara) (?:mientras duermo|dormid)/),
  p('es.dont-want-live', 'medium', 'self', /\b(?:ya )?no quiero (?:seguir )?(?:viviendo|vivir|viva|vivo|existir|estar viv[oa]|seguir aqui|estar en este mundo)\b(?! (?:en|con|cerca|lejos|junto|de|sola|solo|otro|otra|a las)\b)|\bya no quiero (?:estar aqui|seguir)\b(?! (?:en|con|trabajando|estudiando|aqui en|en este (?:trabajo|piso|grupo)))|\bno quiero estar aqui\b(?! (?:en|con))|\bno tengo ganas de vivir\b(?! la vida)|\bse me (?:han )?quitad?o las ganas de vivir\b|\bya no (?:quiero|tengo ganas de) (?:seguir )?respirar\b|\b(?:perdi|he perdido) las ganas de vivir\b/, { joke: 'low', past: 'low' }),
  p('es.wish-dead', 'medium', 'self', /\b(?:me quiero|quiero|me gustaria|quisiera|tengo ganas de|ganas de|desearia|deseo) morir(?:me)?\b|\b(?:me gustaria|preferiria|desearia|quisiera) estar muert[oa]\b|\bq(?:ue)? ganas de morirme\b|\bquisiera morir\b|\bojala estuviera muert[oa]\b/, {
    unless: /\bmorir(?:me)? (?:de|del|de la|por) (?:la |el )?(?:risa|verguenza|pena|ganas|hambre|sed|sueno|calor|frio|amor|envidia|aburrimiento|asco|nervios|miedo|celos|emocion|ternura|curiosidad|gusto|placer|un helado|ti)\b|\bme quiero morir\b.{0,40}\b(?:le di like|se me cayo|la boda|me equivoque|el audio|el chiste)/,
    joke: 'none',
    past: 'low',
  }),
  p('es.nobody-miss', 'medium', 'self', /\bnadie me (?:extranaria|echaria de menos|extranara|echara de menos|recordaria)\b|\bnadie (?:notaria|se daria cuenta|vendria a mi entierro|lo notaria)\b.{0,30}\b(?:si|me)\b|\b(?:a nadie le importaria|a nadie le importa) si (?:me muero|muero|desaparezco|me voy|me mato)\b|\bsi (?:me muero|muriera|desapareciera|me fuera)\b.{0,25}\bnadie\b/),
  p('es.better-without', 'medium', 'self', /\b(?:estarian|estaria|estarias|iria|irian|seria|serian) (?:mucho )?(?:mejor|mas tranquil[oa]s?|mas felices)\b.{0,10}\bsin mi\b|\bsin mi (?:les iria|estarian|todo seria|seria todo|se acabarian)\b|\b(?:todo|la vida de todos) (?:seria|estaria) (?:mas facil|mejor)\b.{0,15}\bsi (?:yo )?no (?:estuviera|existiera)\b|\bmejor (?:que|si) (?:yo )?no (?:estuviera|existiera)\b|\bsi (?:yo )?no (?:estuviera|existiera)\b.{0,30}\b(?:mejor|facil|descansaria|paz)\b|\bseria (?:mas facil|mejor) si (?:yo )?no (?:existiera|estuviera)\b|\bsi yo no (?:existiera|estuviera|hubiera nacido)\b|\bculpable (?:por|de) existir\b|\bpor fin (?:descansaria|tendrian paz)\b/),
  p('es.point-living', 'medium', 'self', /\b(?:para|pa) que seguir(?: viviendo| vivo| viva)?\b|\b(?:no le (?:encuentro|veo)|sin) sentido (?:a|de) (?:vivir|seguir|la vida|seguir viviendo)\b|\bla vida no vale la pena\b|\bno vale la pena seguir\b|\bde que sirve seguir viv[oa]\b|\b(?:cansad[oa]|harta|harto) de (?:vivir|estar viv[oa]|seguir viv[oa])\b|\bestoy cansad[oa] de luchar por seguir viv[oa]\b|\bya no tengo fuerzas para seguir viviendo\b|\bno merezco (?:vivir|estar viv[oa])\b|\bno creo que aguante mucho (?:mas|tiempo)\b|\bno quiero seguir mas\b|\bno (?:me quedan|tengo|encuentro|veo) (?:motivos|razones)\b.{0,12}\bpara seguir\b|\bsi me pasara algo\b.{0,40}\bno me importaria\b|\bfantaseo con (?:no existir|morir|mi muerte|desaparecer)\b|\bme imagino muert[oa]\b|\bla idea de morir(?:me)? me (?:tranquiliza|calma|da paz|alivia)\b|\b(?:facil|sencillo) que seria (?:acabar con todo|morir|tirarme|saltar)\b|\bsobro en este mundo\b|\b(?:para|pa) que sigo (?:aqui|viv[oa]|en este mundo)\b|\bque (?:hago|sentido tiene que siga) (?:todavia |aun )?aqui\b|\b(?:quien|quienes|nadie) (?:vendria|iria) a mi (?:entierro|funeral)\b|\bcomo seria mi (?:funeral|entierro)\b|\bme da (?:lo mismo|igual) vivir o morir\b|\b(?:ojala|desearia|quisiera) (?:tener|sufrir) un accidente\b|\bcansad[oa] de (?:estar en este mundo|existir)\b|\bno me importaria que me pasara algo\b|\bdormir y (?:ya )?no (?:volver|despertar)\b|\bla muerte (?:me parece|es|seria) (?:una|la (?:unica|mejor)) (?:opcion|salida)\b|\bmi vida (?:ya no tiene|no tiene) ningun valor\b|\b(?:para|pa) que (?:me voy a |voy a )?(?:levantarme|despertarme|despertar|levantar)\b(?!.{0,25}\b(?:temprano|pronto|a las|si es (?:domingo|sabado|fiesta|festivo))\b)/, { past: 'low' }),
  p('es.never-born', 'medium', 'self', /\b(?:me gustaria|ojala|preferiria) no haber nacido\b|\bojala no hubiera nacido\b|\bojala (?:no existiera|pudiera dejar de existir|me atropellara|me diera algo)\b|\bquiero dejar de existir\b|\bya no quiero existir\b/),
  p('es.disappear-forever', 'medium', 'self', /\b(?:desaparecer|irme) para siempre\b|\bdesaparecer y (?:que nadie|no volver)\b|\bme quiero ir de este mundo\b|\bya no quiero estar en este mundo\b|\bno veo otra salida que\b/, {
    unless: /\bpara siempre (?:de|del) (?:este|esta|el|la) (?:grupo|ciudad|pais|empresa|trabajo|piso|barrio)\b|\bde (?:este|esta) (?:grupo|ciudad)\b/,
  }),
  p('es.end-all', 'medium', 'self', /\bquiero que todo (?:termine|acabe|se acabe|pare)\b|\bque pare el dolor\b.{0,30}\b(?:como sea|de la forma que sea)\b|\bquiero dejar de sufrir (?:como sea|de una vez)\b|\bdormir para siempre\b|\bla muerte (?:seria|es|como) (?:un )?(?:descanso|alivio|salida)\b|\bme imagino mi funeral\b|\benvidio a los que se mueren\b/, {
    unless: /\bdormir para siempre (?:en|con) (?:esta|este|mi) (?:cama|sofa)\b/,
  }),
  p('es.death-thoughts', 'medium', 'self', /\b(?:tengo|me vienen|me asaltan|sigo teniendo|no se me van los) pensamientos (?:suicidas|de muerte|de suicidio)\b|\bpienso (?:mucho )?en (?:la muerte|morirme|morir|suicidarme|matarme)\b(?! de (?:mis|mi|los|las|un|una|alguien|otros))|\bse me (?:pasa|ha pasado|pasan) por la cabeza (?:suicidarme|matarme|morirme|la idea de)|\bpienso en morirme\b|\b(?:ando|estoy|sigo|vivo|paso el dia|me paso el dia) pensando en (?:la muerte|morir(?:me)?|matarme|suicidarme|quitarme la vida)\b/, { past: 'none' }),
  p('es.self-harm-urge', 'medium', 'self', /\b(?:ganas|necesidad|impulsos?|tentacion) de (?:cortarme|hacerme dano|autolesionarme|lastimarme|quemarme|volver a cortarme)\b|\bpienso en hacerme dano\b|\bme dan ganas de cortarme\b|\bme (?:golpeo|pego|araño|arano|muerdo)\b.{0,40}\b(?:pared|hasta sangrar|heridas|a mi misma|a mi mismo|cuando me (?:agobio|enfado))\b/, { past: 'low' }),
  p('es.dont-care-die', 'medium', 'self', /\bme da igual (?:morirme|morir|si me muero)\b|\bsi me muero (?:manana )?me da igual\b|\bya me da igual todo, incluso vivir\b|\bcruzo la calle sin mirar\b|\bconduzco muy rapido a proposito\b|\bdeseo que me pase algo\b/),
  p('es.third-party', 'medium', 'third_party', /\b(?:mi|una|un) (?:mejor )?(?:amig[oa]|herman[oa]|novi[oa]|hij[oa]|pareja|companer[oa]|madre|padre|mama|papa|prim[oa]|alumn[oa]|vecin[oa])\b.{0,50}\b(?:se quiere (?:matar|suicidar|morir)|quiere (?:suicidarse|matarse|morirse|quitarse la vida)|se (?:corta|autolesiona|hace cortes|lastima)|intento suicidarse|habla de suicidarse|(?:me )?dijo que se (?:quiere|va a) (?:matar|suicidar|morir)|dice que se quiere morir|se esta autolesionando|(?:quiere|se quiere) despedir de todos|(?:esta )?pensando en suicidarse|piensa en (?:suicidarse|matarse)|quiere quitarse la vida|(?:dice|ha dicho|dijo) que se va a (?:matar|suicidar|quitar la vida)|(?:dice que |que )?quiere desaparecer para siempre|habla de que quiere morir(?:se)?|(?:me )?(?:escribio|ha escrito|dijo|mando un mensaje) que (?:ya no puede mas|se quiere (?:morir|matar)))\b|\bcreo que mi hij[oa] se esta autolesionando\b|\b(?:le )?(?:encontre|vi|he visto|le vi) cortes (?:en|por) (?:los|las|el|la|sus)\b/, {
    unless: /\b(?:que hago|que (?:debo|deberia|puedo) hacer|como (?:actuo|actuar|ayudo)) si (?:un|una|algun|alguna|alguien)\b/,
  }),

  // ------------------------------------------------ patterns@5 (es): families found in the retired unseen v4's misses
  p('es.rethinking-suicide', 'high', 'self', /\b(?:volvi|he vuelto|vuelvo|volver) a pensar en (?:matarme|suicidarme|quitarme la vida|tirarme|cortarme)\b|\bpensar en (?:matarme|suicidarme|quitarme la vida) (?:todos los dias|cada dia|a diario|todo el rato|otra vez)\b/, { past: 'low' }),
  p('es.unsure-live', 'medium', 'self', /\bno se si quiero seguir (?:viviendo|viv[oa]|aqui|existiendo)\b|\bno se (?:para que|si vale la pena) seguir viv[oa]\b/, { past: 'low' }),
  p('es.leave-no-return', 'medium', 'self', /\bme quiero ir y no volver\b|\bquiero irme (?:y|para) no volver(?: nunca| jamas)?\b|\birme y no volver nunca\b/, {
    unless: /(?<!no )\b(?:de viaje|de vacaciones|del pueblo|de (?:esta|la) ciudad|del pais|de (?:este|mi) trabajo|de esta casa|de casa de)\b/,
  }),
  p('es.not-reach', 'medium', 'self', /\b(?:ni|tampoco|no) quiero llegar (?:a|al) (?:manana|el (?:fin de semana|finde|viernes|lunes|sabado|domingo)|(?:fin de semana|finde)|fin de (?:ano|mes)|mi cumpleanos|navidad|los \d+)\b/),
  p('es.self-harm-until-blood', 'high', 'self', /\bme (?:rasguno|arano|rasco|golpeo|pego|muerdo|pellizco|corto)\b.{0,40}\bhasta (?:que (?:sangr\w*|me sale sangre|me duele)|sangrar|hacerme (?:dano|sangre|heridas))\b|\bme golpeo la cabeza (?:contra|en) (?:la|el) (?:pared|suelo|mesa|puerta)\b/, {
    past: 'low',
    unless: /\b(?:picadura|mosquito|alergia|eccema|sarpullido|dermatitis|varicela)\b/,
  }),
  p('es.height-enough', 'high', 'self', /\b(?:fui|he ido|subi|fui a ver|mire|medi)\b.{0,50}\b(?:que tan alto|lo alto que|cuanta altura|la altura)\b.{0,40}\b(?:suficiente|alcanza|basta)\b|\b(?:puente|azotea|vias del tren|edificio|balcon)\b.{0,60}\b(?:seria (?:facil|rapido|tan facil|muy facil|sencillo)|pensando en (?:saltar|tirarme))\b/, {
    unless: /\b(?:puenting|paracaid\w*|escalada|foto|fotos|dron|maqueta|tarea|examen|ingenier\w*|arquitect\w*)\b/,
  }),
  p('es.letters-ready', 'high', 'self', /\bya (?:escribi|deje escritas|tengo escritas|termine) (?:las|mis) cartas\b|\bdeje (?:las|unas) cartas (?:para|a) (?:mi familia|todos|mis hij[oa]s|mis padres)\b/, {
    unless: /\b(?:reyes|reyes magos|papa noel|santa|navidad|cumpleanos|boda|recomendacion|motivacion|presentacion)\b/,
  }),
  p('es.blade-in-hand', 'critical', 'self', /\btengo (?:el|la|una|un) (?:cuter|cutter|cuchilla|navaja|tijeras|hoja de afeitar)\b.{0,25}\ben la mano\b.{0,60}\b(?:no se si (?:voy a )?aguant\w*|no se cuanto (?:mas )?aguant\w*|no puedo (?:mas|parar)|limpia|autolesion\w*|cortarme)\b/),
  p('es.overdose-plan', 'high', 'self', /\b(?:voy a|pienso|quiero|planeo|he decidido) (?:tomarme una |hacerme una |darme una )?sobredosis\b|\bsobredosis (?:el )?(?:sabado|domingo|lunes|martes|miercoles|jueves|viernes|esta noche|manana|este finde)\b/, { past: 'low' }),
  p('es.sorry-goodbye', 'medium', 'self', /\b(?:dile|diles|digale|diganle|decile|decirle) a (?:mi \w+|mis \w+|todos) que (?:lo siento|l[oa]s? quiero|les quiero|perdon|me perdone\w*)\b/, {
    unless: /\b(?:tarde|llego tarde|no puedo ir|no voy a poder ir|la cena|la fiesta|la reunion|el cumple\w*)\b/,
  }),

  p('es.poison-taken', 'critical', 'self', /\b(?:bebi|he bebido|me bebi|tome|me tome|ya tome|me he tomado|trague|me trague|me inyecte|me he inyectado)\b.{0,15}\b(?:lejia|anticongelante|veneno|raticida|matarratas|insecticida|cloro|amoniaco|toda la insulina|el frasco entero|todo el frasco|el bote entero)\b/, {
    unless: /\b(?:sin querer|por error|por accidente|por equivocacion)\b/,
  }),
  p('es.over-the-rail', 'critical', 'self', /\bestoy (?:parad[oa]|sentad[oa]|de pie|asomad[oa])? ?(?:del otro lado de|al otro lado de|en el borde de|al borde de|fuera de) (?:la baranda|la barandilla|el barandal|la ventana|el puente|la cornisa|la azotea)\b|\bestoy asomad[oa] (?:a|por) la ventana\b.{0,30}\b(?:noveno|octavo|septimo|decimo|piso \d+|\d+(?:o|º)? piso)\b|\b(?:la cuerda|la soga) ya esta\b|\btengo (?:el frasco|el bote|el blister|la caja de pastillas) (?:abierto |abierta )?en la mano\b|\ben la (?:banera|tina|ducha) con (?:la|una) (?:cuchilla|navaja|hoja de afeitar)\b/),
  p('es.giving-away', 'high', 'self', /\b(?:ya )?(?:reparti|regale|he regalado|he repartido|di) (?:mis|todas mis|casi todas mis) (?:cosas|plantas|libros|ropa|juegos|pertenencias|mascotas)\b.{0,60}\b(?:no es verdad|no (?:las|los) voy a necesitar|por si|ya no|me voy|mentira)\b|\bprogram(?:e|ado|o) (?:un|unos) (?:mensajes?|correos?|mails?|audios?)\b.{0,50}\b(?:explicar(?:lo)? todo|despedi\w*|cuando (?:ya )?no este|para (?:mi familia|todos|mis hijos))\b/),
  p('es.the-day', 'high', 'self', /\b(?:el (?:proximo )?(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo)|manana|esta noche|hoy) es (?:el dia|la noche)\b(?! (?:de|del|en que|que|para|libre|perfect))|\b(?:casa sola|sol[oa] en casa|se vayan a dormir|cuando se vayan)\b.{0,60}\b(?:puedo hacerlo|lo hago|hacerlo tranquil[oa])\b|\bse exactamente como (?:lo )?haria\b|\bperdon(?:ame|enme|adme)? por lo que voy a hacer\b|\besto es (?:un )?adios\b(?! (?:por (?:ahora|hoy)|hasta))|\beste es mi ultimo mensaje\b/, { past: 'low' }),
  p('es.height-recon', 'high', 'self', /\b(?:puente|azotea|edificio|barranco|acantilado|mirador)\b.{0,60}\bya se (?:desde donde|de donde|donde|por donde)\b|\bvias del tren\b.{0,40}\ba (?:ver )?(?:a )?que hora pasa\b|\besperando el tren que no para\b/),
  p('es.hoarding-blades', 'high', 'self', /\b(?:guardo|tengo guardad[ao]s?|escondo|tengo escondid[ao]s?|junto|colecciono|empece a juntar)\b.{0,25}\bcuchillas\b/, { unless: /\b(?:afeitar|maquinilla|cutter del trabajo|manualidades|repuesto)\b/, past: 'low' }),
  p('es.others-now-weapon', 'critical', 'others', /\b(?:esta|estan) (?:afuera|fuera|en la puerta|abajo|en el patio) de (?:mi|la) casa con (?:un|una) (?:bate|palo|tubo|cuchillo|arma|pistola|machete|navaja)\b|\b(?:rompio|rompieron|forzaron|forzo|abrio|abrieron) la puerta\b.{0,40}\b(?:escucho|oigo|hay) (?:pasos|a alguien|ruidos|voces)\b|\bme (?:arrastro|arrastra|jalo|agarro) del pelo\b|\bse (?:encerro|ha encerrado)\b.{0,30}\bcon (?:una|un|unas) (?:navaja|cuchillo|cuchillas?|pistola|arma|pastillas|soga|cuerda)\b/),
  p('es.waiting-end', 'medium', 'self', /\besperando (?:a )?(?:que se (?:acabe|termine) mi vida|morirme|la muerte)\b|\bojala no (?:salga|sobreviva|despierte de la (?:operacion|anestesia))\b|\bsi me muero\b.{0,30}\b(?:se acaba|se acabaria|descansaria|por fin)\b|\bme imagino (?:que me muero|mi muerte|muert[oa]|que desaparezco)\b|\bno le (?:veo|encuentro) (?:caso|sentido) a (?:la vida|vivir|seguir)\b|\b(?:vendria|iria) (?:alguien )?a mi (?:funeral|entierro|velorio)\b|\bsi desaparezco\b.{0,20}\bnadie\b|\bno espero llegar (?:a|al) (?:manana|fin de ano|fin de mes|el (?:fin de semana|viernes|lunes)|navidad|mi cumpleanos)\b|\bla idea de (?:morirme|matarme|suicidarme|la muerte|desaparecer)\b.{0,20}\b(?:me ronda|no se me va|me persigue|todo el dia|todo el rato|cada vez mas)\b|\bpense en (?:la muerte|morirme|matarme|tirarme|saltar) otra vez\b/, { past: 'low' }),
  p('es.meltdown-injury', 'medium', 'self', /\bme (?:mordi|muerdo|arane|arano|rasgune|rasguno|golpee|golpeo|pegue|pego)\b.{0,40}\b(?:durante|en) (?:una|la|el) (?:crisis|meltdown|shutdown|ataque)\b|\bme golpeo la cabeza (?:con|contra|en)\b/, { past: 'low' }),
  p('es.third-party-v5', 'medium', 'third_party', /\bse hace (?:rayas|cortes|heridas) en (?:los|las|el|la) \w+|\b(?:subio|publico|puso|mando|escribio)\b.{0,40}\bse despide de todos\b/),

  // ------------------------------------------------ low (es)
  p('es.no-puedo-mas', 'low', 'self', /\bno (?:puedo|doy|aguanto) mas\b/, { unless: /\bde risa|con (?:este|el) calor|he comido|la comida|jaja/ }),
  p('es.burden', 'low', 'self', /\b(?:me siento|soy) (?:una|un) (?:carga|estorbo)\b/),
  p('es.worthless', 'low', 'self', /\bno valgo nada\b|\bnada tiene sentido\b|\bme siento vaci[oa]\b|\bno le importo a nadie\b|\bme odio\b|\bno tengo a nadie\b|\bnada va a mejorar\b|\bno sirvo para nada\b|\bmi vida es una mierda\b/),

  // ------------------------------------------------ critical (en)
  p('en.ingested', 'critical', 'self', new RegExp(String.raw`\b(?:i )?(?:just |already )?(?:took|swallowed|downed|have taken|had|overdosed on)\b.{0,15}\b(?:all|the whole|a whole|an entire|a full|the entire|every|a bunch of|a handful of|a lot of|loads of|\d{2,})\b.{0,20}${PILLS_EN}|\bi (?:just )?(?:took|swallowed) the pills (?:an hour|\d+ (?:minutes|hours)) ago\b|\b(?:took|swallowed) (?:pills|everything) with (?:alcohol|vodka|wine)\b|\bit is done,? i took\b|\bi (?:just )?took everything\b`)),
  p('en.at-height-now', 'critical', 'self', new RegExp(String.raw`\bi am (?:standing |sitting |up )?(?:on|at|in) (?:the |my |a )?(?:edge of (?:the |a )?)?${HEIGHTS_EN}\b.{0,60}\b(?:jump|goodbye|bye|can not|right now|do it|end it|going to|come down|i have decided|looking at the water)\b|\bi am on the (?:edge|ledge) of (?:the|a) (?:building|bridge|roof)\b|\bi have been on the (?:bridge|roof|ledge) for (?:a while|hours)\b.{0,40}\b(?:decided|water|jump|goodbye)\b|\bsitting on my window ledge\b`)),
  p('en.imminent', 'critical', 'self', /\b(?:doing it|kill(?:ing)? myself|end(?:ing)? it|ending my life|jumping) (?:tonight|right now|now|today|in (?:an hour|a few minutes|\d+ minutes))\b|\btoday is the day\b.{0,20}\bgoodbye\b|\bi am killing myself (?:right )?now\b|\bi am doing it tonight\b/),
  p('en.means-in-hand', 'critical', 'self', /\bi have (?:the|a|my) (?:blade|razor|knife|gun|pistol|rope|pills)\b.{0,20}\b(?:in my hand|here|loaded|ready|right here)\b|\bthe (?:rope|noose) is (?:tied|ready|up)\b|\b(?:gun|pistol) (?:is )?loaded\b|\bnoose (?:around|on) my neck\b/),
  p('en.bleeding', 'critical', 'self', /\b(?:cut too deep|will not stop bleeding|i am bleeding a lot|i (?:just )?slit my wrists|bleeding out)\b/, { unless: /\b(?:cooking|chopping|shaving|kitchen|accident)\b/ }),
  p('en.gas-car', 'critical', 'self', /\b(?:car|engine) (?:with the engine )?running in the (?:closed )?garage\b/),
  p('en.goodbye-minutes', 'critical', 'self', /\bi am on the tracks\b.{0,40}\btrain\b|\bi only have a few minutes\b.{0,30}\bgoodbye\b|\btook all my meds,? bye\b/),
  p('en.others-now', 'critical', 'others', /\b(?:he|she|they|someone|somebody|my \w+) (?:is|are) (?:hitting|beating|choking|strangling|stabbing|attacking|raping) (?:me|us)\b|\bhe is hitting me right now\b/),
  p('en.door', 'critical', 'others', /\b(?:banging on|breaking down|kicking in|kicking) (?:the|my) door\b|\b(?:trying to|about to) (?:break|get) into my (?:house|flat|apartment|room)\b|\bsomeone is trying to break in\b/),
  p('en.weapon-threat', 'critical', 'others', /\b(?:has|got|with) (?:a|the) (?:knife|gun|pistol|weapon|machete)\b.{0,50}\b(?:threaten|kill|help|says)\b/),
  p('en.kill-threat-now', 'critical', 'others', /\b(?:wants|going|trying|is going) to kill (?:me|us)\b.{0,40}\b(?:help|now|here|outside|home|door)\b|\b(?:help|please)\b.{0,20}\b(?:he|she|they) (?:wants|is going|is trying) to kill (?:me|us)\b|\boutside my (?:house|door|flat)\b.{0,30}\bkill me\b|\bsays (?:he|she|they) will kill us all\b/),
  p('en.locked-in', 'critical', 'others', /\blocked me in\b|\bi am hiding in the (?:bathroom|closet|room)\b.{0,40}\b(?:looking for me|beat|kill|hurt)\b|\bcoming for me\b|\bsomeone is following me\b.{0,40}\b(?:hide|help|scared)\b/),

  // ------------------------------------------------ high (en)
  p('en.kill-self', 'high', 'self', /\b(?:i )?(?:want|wanted|am going|going|plan|planning|am planning|thinking about|thinking of|decided|have decided|will|would like|need) (?:to )?(?:kill myself|kms|end my life|take my (?:own )?life|commit suicide|unalive myself|end it all|hang myself|jump off (?:a|the) (?:bridge|building|roof))\b|\bi (?:want|need) to die by suicide\b|\b(?:i have been |i am )?(?:seriously )?considering (?:suicide|killing myself|ending my life|ending it)\b|\bkeep thinking about killing myself\b|\bthinking about (?:taking my (?:own )?life|killing myself|ending my life|ending it all)\b|\bi am going to end it\b(?! (?:with|between|for|on|at))|\bsuicide is the only (?:way out|option|answer)\b|\bi (?:am |have been |keep )?thinking about (?:suicide|unaliving myself)\b|\bkms\b|\bunaliv(?:e|ing) myself\b/, {
    joke: 'low',
    past: 'low',
  }),
  p('en.stockpile', 'high', 'self', new RegExp(String.raw`\b(?:saving|stockpiling|hoarding|collecting|saved|hoarded|stockpiled|been saving|hiding) (?:up )?(?:[a-z]+ ){0,2}${PILLS_EN}`)),
  p('en.hidden-means', 'high', 'self', /\b(?:hid|hidden|keeping|kept|stashed|saving) (?:a|the|my) (?:belt|rope|blade|razor|razors|knife)\b.{0,40}\b(?:just in case|for when|for the day)\b/, { past: 'low' }),
  p('en.lethal-dose', 'high', 'self', /\b(?:lethal|fatal|deadly) dose\b|\bhow many\b.{0,40}\b(?:to die|to kill (?:myself|yourself|me)|would kill|is lethal|are lethal|to not wake up|to overdose)\b|\bhow (?:high|tall)\b.{0,40}\bdie from the fall\b/),
  p('en.method-seek', 'high', 'self', /\b(?:quickest|fastest|easiest|most painless|painless|best|surest|least painful) way to (?:die|kill (?:myself|yourself)|end it|commit suicide|end my life)\b|\b(?:looked up|searching|googled|researching|research) (?:how to (?:kill myself|hang myself|commit suicide|end my life|overdose)|suicide methods)\b|\bhow to (?:kill myself|hang myself)\b|\benough (?:pills|medication|meds)\b.{0,25}\bto (?:not wake up|die|kill myself)\b|\b(?:looked up|searched|googled)\b.{0,20}\bwhich (?:pills|meds|medications)\b.{0,25}\b(?:dangerous|lethal|deadly)/),
  p('en.self-harm-act', 'high', 'self', /\bi (?:have been |ve been )?(?:cut|cutting|burned|burnt|burning|hurt|hurting) myself\b.{0,40}\b(?:again|on purpose|last night|yesterday|today|deep|arms?|legs?|wrists?|marks|lighter)\b|\bi (?:cut|burned|burnt) (?:myself )?(?:again|on purpose)\b|\bi cut (?:my )?(?:arms|wrists|legs|thighs)\b|\b(?:been|started) (?:cutting|hurting|burning) myself again\b|\bi cut again\b|\bi scratched my (?:arms|legs|wrists)\b.{0,40}\b(?:on purpose|last night|scissors|blood)\b/, {
    unless: /^(?!.*\b(?:on purpose|to feel|to punish myself|again)\b).*\b(?:shaving|cooking|chopping|kitchen|by accident|accidentally|hair|can of|tin|glass|needle|sewing|band-aid|plaster|bike|paper)\b/,
    past: 'low',
  }),
  p('en.attempt-again', 'high', 'self', /\btried to kill myself\b.{0,40}\b(?:still want|again|this time)\b|\btook (?:extra|too many) pills (?:on purpose|yesterday)\b|\bstopped (?:taking my insulin|eating) on purpose\b/),
  p('en.farewell', 'high', 'self', /\bthis is my goodbye\b|\bgoodbye (?:letters?|notes?)\b|\bsuicide note\b|\bi have written the note\b|\b(?:look after|take care of) my (?:cat|dog|kids|pets?|children)\b.{0,40}(?:$|\b(?:goodbye|sorry|love you)\b)|\bthank you for everything\b.{0,40}\b(?:look after|take care|goodbye)\b|\bgave away my (?:stuff|things)\b.{0,40}\bwill not need\b|\b(?:you can have|keep|take|have) (?:all )?my (?:things|stuff|clothes|books|games|records)\b.{0,40}\b(?:will not|do not|would not) (?:need|be using|use|be needing)\b|\bsoon i will not be a problem\b|\bput everything in order for when i am gone\b|\bi will not make it to (?:monday|tomorrow|the weekend)\b|\bi am doing it this (?:weekend|week)\b/, {
    unless: /\b(?:story|novel|book|movie|film|plot|character|killer|villain|play|script)\b/,
  }),
  p('en.jump-intent', 'high', 'self', /\b(?:going to|want to|will|plan to) (?:jump off|throw myself (?:off|in front of|under)|jump in front of)\b|\b(?:considering|thinking of|thinking about|thought about|think about) (?:jumping off|jumping from|jumping in front of|throwing myself)\b/, { joke: 'low' }),
  p('en.take-all-pills', 'high', 'self', /\b(?:going to|want to|will) take all (?:my|the|of my) (?:pills|meds|tablets)\b|\bhave a gun at home\b.{0,30}\busing it\b|\bhave a plan to (?:kill myself|die|end it)\b|\bi know how i am going to do it\b|\bbought a rope\b|\bdifferent pharmacies\b.{0,30}\bpills\b/, {
    unless: /\b(?:camping|climbing|clothes|washing line|tent|dog|skipping|jump rope|gym|boat|sailing)\b/,
  }),
  p('en.others-violence', 'high', 'others', new RegExp(String.raw`\b${PERSON_EN}\b.{0,40}\b(?:hits|beats|hit|beat|slapped|punched|choked|strangled|kicked|pushed|raped|abuses|abused|forces|threatened|threatens|has threatened|slaps) (?:me|us)\b|\bhe forces me to have sex\b|\b(?:he|she) (?:has|have) hit me before\b`)),
  p('en.kill-threat', 'high', 'others', /\bthreatened to kill (?:me|us)\b|\bdeath threats\b|\b(?:said|says|told me) (?:that )?(?:if .{0,30})?(?:he|she|they) (?:will|is going to|would) kill me\b|\bgoing to beat me up\b|\bstalking me\b|\bthey know where i live\b|\bthreatened me with a knife\b/, { unless: /\blol|haha|grades|homework|late\b/ }),
  p('en.fear-home', 'high', 'others', /\b(?:scared|afraid|terrified) (?:to go home|of my (?:partner|husband|boyfriend|dad|father|stepdad|wife|girlfriend))\b/),

  // ------------------------------------------------ medium (en)
  p('en.dont-want-alive', 'medium', 'self', /\bi do not want to (?:wake up(?: anymore)?|be alive|live anymore|live like this|exist(?: anymore)?|be here anymore|live)\b(?! (?:early|at|for work|tomorrow at|in|with|near))|\bi (?:wish|hope) i (?:could )?(?:go to sleep|sleep|fall asleep) and never wake up\b|\bi hope i do not wake up\b|\bif i do not wake up tomorrow\b|\blost the will to live\b|\bi do not want to be here anymore\b|\bi do not wanna be alive\b|\bi (?:do not|no longer) (?:want|feel like) (?:to )?(?:breathe|breathing|keep breathing)(?: anymore)?\b/, { joke: 'low', past: 'low' }),
  p('en.wish-dead', 'medium', 'self', /\bi (?:just )?(?:want|want to|wish to) die\b|\bi wish i (?:was|were) (?:dead|not alive)\b|\bi would rather be dead\b|\bi wish (?:a car|a bus|something) would (?:hit|kill) me\b|\bi wish i (?:had never been|was never|were never) born\b|\bi wish i was not alive\b/, {
    unless: /\bdie (?:of|from) (?:embarrassment|laughter|boredom|shame)\b|\bwant to die\b.{0,20}\b(?:embarrass|cringe)/,
    joke: 'none',
    past: 'low',
  }),
  p('en.nobody-miss', 'medium', 'self', /\b(?:no one|nobody|no-one) (?:would|will) (?:even )?(?:miss me|notice if i (?:was|were|am) gone|care if i (?:died|was gone|disappeared))\b|\bnobody would miss me\b|\bnobody would care if i died\b/),
  p('en.better-without', 'medium', 'self', /\bbetter off without me\b|\bbetter off if i (?:was|were) not (?:here|around|alive)\b|\b(?:happier|better) without me\b|\beverything would be easier if i (?:was|were) not (?:around|here)\b|\bbetter if i (?:did not|didnt) exist\b/),
  p('en.point-living', 'medium', 'self', /\bwhat is (?:even )?the point (?:of|in) (?:living|being alive|life|going on)\b|\b(?:do not|can not) see the point (?:of|in) living\b|\b(?:tired|sick) of (?:being alive|living)\b|\bi am done with life\b|\blife (?:is not|isnt) worth living\b|\bi do not deserve to live\b|\bi feel like i should not be here\b|\btired of fighting to stay alive\b|\bi want to (?:stop existing|leave this world|disappear and never come back)\b|\bi just want to stop existing\b|\b(?:why|what) (?:am i|i am) (?:even )?still (?:here|alive|doing here)\b|\bwho would (?:come|go) to my funeral\b|\bdo not care if i live or die\b|\bwish (?:i (?:would|could) )?(?:have|had|get) (?:into )?an accident\b|\btired of existing\b|\bdeath (?:seems|is|feels) like (?:an|the only) (?:option|way out)\b|\bno reasons? (?:left )?to (?:keep going|live|go on)\b|\bif something happened to me\b.{0,40}\b(?:would not mind|would not care|do not care)\b|\bfantasi[sz]e about (?:not existing|dying|death|disappearing)\b|\bthe (?:idea|thought) of dying (?:calms|relaxes|comforts)\b|\bi wish i could disappear forever\b|\bi can not hold on much longer\b|\bi do not think i can hold on (?:much )?longer\b|\b(?:do not|can not|dont|cant) see (?:the|any) point (?:of|in) (?:going on|carrying on|living|being alive|waking up|tomorrow\b|any of it anymore)|\bwhat is (?:even )?the point (?:of|in) (?:carrying on|waking up|tomorrow\b|trying to stay alive)|\b(?:should|want to|going to|need to) (?:just )?(?:go away|disappear|leave) (?:forever|for good|permanently)\b(?!.{0,40}\b(?:island|beach|trip|vacation|holiday|abroad|country)\b)/, { past: 'low' }),
  p('en.end-pain', 'medium', 'self', /\bi (?:just )?want (?:it all|everything) to end\b|\bwant the pain to stop\b.{0,20}\bhowever\b|\bi want to sleep forever\b|\bdeath (?:seems|would be) (?:like )?a (?:rest|relief)\b|\bpicture my funeral\b/),
  p('en.death-thoughts', 'medium', 'self', /\b(?:i have|i get|i am having|i keep having|having) (?:suicidal thoughts|thoughts of (?:suicide|killing myself|death|dying))\b|\bsuicide crosses my mind\b|\bi (?:think|keep thinking|am thinking|have been thinking) about (?:death|dying|suicide|killing myself) (?:all the time|all day|every day|constantly|nonstop|a lot)\b/, { past: 'none' }),
  p('en.self-harm-urge', 'medium', 'self', /\b(?:urges?|want|wanting|need) to (?:cut|hurt myself|self[- ]harm|burn myself)\b(?! (?:my|the|your|his|her) (?:hair|cake|bread|grass|fringe))|\b(?:thinking|think) about hurting myself\b|\bi (?:bang my head|scratch myself|bite my hands)\b/, { past: 'low' }),
  p('en.dont-care-die', 'medium', 'self', /\bi would not care if i died\b|\bi do not care what happens to me anymore\b|\bdrive too fast on purpose\b/),
  p('en.third-party', 'medium', 'third_party', /\b(?:my|a) (?:best )?(?:friend|brother|sister|son|daughter|girlfriend|boyfriend|partner|mum|mom|dad|cousin|student|roommate)\b.{0,50}\b(?:wants to (?:kill (?:him|her|them)sel(?:f|ves)|die|end (?:his|her|their) life)|is (?:cutting|self[- ]harming|suicidal)|cuts (?:him|her)self|tried to kill (?:him|her)self|says (?:she|he|they) wants? to die|told me (?:she|he|they) wants? to (?:kill|die)|says (?:he|she|they) (?:is|are) going to kill (?:him|her|them)sel(?:f|ves)|(?:texted|told|messaged) me (?:that )?(?:she|he|they) (?:can not (?:go on|do it anymore|take it anymore)|wants? to (?:die|disappear forever)))\b|\bmy daughter is self[- ]harming\b|\bfound cuts on (?:my|his|her) \w+/),

  // ------------------------------------------------ patterns@5 (en): families found in the retired unseen v4's misses
  p('en.end-it', 'high', 'self', /\b(?:going to|want to|ready to|planning to|plan to|about to|decided to|will|need to|have to) (?:just )?end (?:it(?: all)?|things)\b(?! (?:with|between)\b)(?!.{0,40}\b(?:relationship|breakup|break up|him|her|them|job|contract|subscription|meeting|call|season|series|game|chapter)\b)|\bend it (?:tonight|today|this weekend|tomorrow|soon|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b(?!.{0,40}\b(?:relationship|him|her|them)\b)/, { joke: 'low', past: 'low' }),
  p('en.means-ready', 'high', 'self', new RegExp(String.raw`\b(?:got|have|had|put|laid|lined|counted|sorted)(?: out| up)? (?:the |my |all the |all my |enough )?${PILLS_EN} (?:ready|lined up|counted(?: out)?|laid out|out on the (?:table|bed|counter))\b`), { past: 'low' }),
  p('en.act-on-it', 'high', 'self', /\b(?:dying|death|suicid\w*|kill(?:ing)? myself|ending my life|ending it|the thoughts)\b.{0,80}\b(?:act on (?:it|them|the thoughts)|going to do it|actually do it|follow through)\b/, { past: 'low', unless: /\b(?:story|novel|book|movie|film|character|essay|homework|prevention|training)\b/ }),
  p('en.thoughts-back', 'medium', 'self', /\b(?:every day|every night|all day|constantly|always|each day|every single day)\b.{0,15}\bi (?:think|thought|keep thinking) about (?:dying|death|suicide|killing myself|ending it|not being here)\b|\b(?:my |the )?suicidal (?:thoughts|feelings|ideas|urges) (?:are|have been|came|have come|keep coming) back\b|\bi (?:am|have been|feel|started feeling|am feeling) (?:so |really |very |kind of |kinda )?suicidal\b/, { past: 'low' }),
  p('en.no-wake', 'medium', 'self', /\b(?:pray|praying|prayed|hope|hoping|wish|wishing)\b.{0,25}\b(?:i )?(?:will not|do not|would not|never|wont|dont) wake up\b(?! (?:early|late|in time|on time|before|until))/, { past: 'low' }),
  p('en.hope-finished', 'medium', 'self', /\b(?:hope|hoping|wish|wishing|pray|praying)\b.{0,50}\b(?:finish(?:es)? me off|takes? me out|kills? me|ends? me)\b/, {
    unless: /\b(?:not|does not|do not|will not|doesnt|dont|wont|never)\b.{0,12}\b(?:kill|finish|end|take)\b|\b(?:mom|mum|dad|boss|teacher|coach|wife|husband|girlfriend|boyfriend|sister|brother)\b.{0,30}\bkills? me\b|\b(?:lol|haha|jk)\b/,
    past: 'low',
  }),
  p('en.after-gone', 'medium', 'self', /\b(?:after|when|once) i am gone\b|\bi will not be (?:here|around) (?:next week|much longer|for long|tomorrow|anymore|by then)\b/, {
    unless: /\b(?:trip|vacation|holiday|travel\w*|moving|move|abroad|business|camp|conference|deployment|deployed|study abroad|visit\w*|away on|out of town|hospital for (?:an|my) (?:operation|surgery))\b/,
  }),
  p('en.sorry-goodbye', 'medium', 'self', /\btell (?:my \w+|everyone|them|her|him) (?:that )?(?:i am sorry|lo siento|perdon)\b(?!.{0,20}\b(?:late|i forgot|i missed|i can not (?:make|come)|about (?:the|dinner|tonight))\b)|\btell (?:my \w+|everyone) (?:that )?i (?:love|loved) (?:them|her|him|you|all)\b(?!.{0,30}\b(?:birthday|wedding|party|call|later)\b)/),
  p('en.note-date', 'high', 'self', /\b(?:wrote|written|writing|finished|left) (?:the|my) (?:goodbye )?(?:note|letters?)\b.{0,60}\b(?:picked|the date|tonight|tomorrow|friday|saturday|sunday|monday|tuesday|wednesday|thursday|goodbye|i am sorry|it will be over|ready)\b|\bpicked (?:the|a) (?:date|day)\b.{0,40}\b(?:note|letters?|goodbye)\b|\bby the time (?:you|they|anyone|someone) (?:read|reads|see|sees|find|finds) this\b|\bby then it (?:will|would) (?:all )?be over\b/, {
    unless: /\b(?:story|novel|book|movie|film|character|plot|wedding|party|exam|deadline|thank[- ]you note|teacher|school)\b/,
  }),
  p('en.self-harm-relapse', 'high', 'self', /\b(?:relapsed|slipped up|did it again)\b.{0,60}\bself[- ]?harm\w*|\bself[- ]?harm\w*\b.{0,60}\b(?:relapsed|did it again|again (?:today|tonight|last night))\b|\b(?:clean|free)\b.{0,30}\b(?:from|of) (?:self[- ]?harm\w*|cutting)\b.{0,80}\b(?:again|relapsed|did it)\b/),
  p('en.head-banging', 'medium', 'self', /\b(?:hitting|banging|slamming|smashing|hit|bang|slam) my head (?:against|on|into) (?:the |a )?(?:wall|floor|desk|table|door)\b|\bscratch(?:ing)? (?:myself|my arms|my skin|my legs)\b.{0,20}\buntil (?:it bleeds|i bleed|bleeding|it bled)\b|\bbit(?:e|ing)? (?:myself|my (?:hands?|arms?|wrists?))\b.{0,20}\buntil\b/, { past: 'low' }),
  p('en.overdose-plan', 'high', 'self', /\b(?:plan(?:ning)?|going|want(?:ing)?|intend(?:ing)?|decided|ready|gonna) to (?:overdose|od)\b|\boverdose (?:on )?(?:saturday|sunday|monday|tuesday|wednesday|thursday|friday|tonight|tomorrow|this weekend)\b/, { past: 'low' }),
  p('en.try-again', 'high', 'self', /\b(?:attempt\w*|tried to (?:kill|end|take)|overdos\w*)\b.{0,120}\b(?:(?:will|might|going to|gonna) try (?:it )?again|do it again)\b.{0,30}\b(?:tonight|today|soon|this time|scared|afraid)\b|\b(?:scared|afraid|terrified) (?:that )?i will try (?:it )?again\b/),

  p('en.poison-taken', 'critical', 'self', /\b(?:drank|swallowed|took|injected|downed|have taken)\b.{0,15}\b(?:bleach|antifreeze|poison|rat poison|all (?:my|the|of my) insulin|the whole bottle)\b|\btook the pills (?:about |like )?(?:half an hour|an hour|\d+ (?:minutes|mins|hours)) ago\b/, { unless: /\b(?:by accident|accidentally|by mistake|my (?:dog|cat|kid|son|daughter))\b/ }),
  p('en.means-on-body', 'critical', 'self', /\b(?:cord|rope|belt|noose|cable|scarf) (?:is )?(?:around|on) my neck\b|\bin the (?:bath|tub|bathtub|shower) with (?:a|the|my) (?:razor|blade|knife)\b/),
  p('en.goodbye-v5', 'high', 'self', /\bthis is (?:goodbye|my last message)\b(?! (?:for (?:now|today|tonight)|until|from me for))|\bforgive me for what i am (?:about|going) to do\b|\bleft (?:notes?|letters?) for (?:my (?:family|mom|mum|dad|parents|kids|wife|husband|sister|brother)|everyone)\b(?!.{0,30}\b(?:birthday|christmas|thank|grocer\w*|fridge|chores|dinner|school)\b)|\bgoodbye (?:everyone|all|world|discord|guys)\b.{0,60}\b(?:take care of (?:each other|yourselves)|i have been real|it was nice knowing)\b|\bwrote (?:down )?who gets (?:what|my)\b|\bmade (?:a|my) will\b.{0,60}\b(?:i am (?:1\d|2\d)|before|get my things sorted)\b|\bknow exactly how i would do it\b/, {
    unless: /\b(?:story|novel|book|movie|film|character|plot|game|grandma|grandpa|grandmother|grandfather)\b/,
  }),
  p('en.scheduled-goodbye', 'high', 'self', /\bscheduled (?:an |some |the )?(?:emails?|messages?|posts?|texts?)\b.{0,60}\b(?:family|goodbye|explain|be over|when i am gone|mom|mum|dad)\b/, { unless: /\b(?:birthday|newsletter|marketing|campaign|reminder|work)\b/ }),
  p('en.self-harm-v5', 'high', 'self', /\bi (?:burned|burnt|cut|scratched|carved) my (?:arms?|legs?|wrists?|thighs?|skin|stomach|hips?)\b.{0,40}\b(?:again|on purpose|lighter|blade|razor|last night|to feel)\b|\brelapsed with (?:the |my )?(?:blades?|razors?|cutting|knife)\b|\b(?:saving|collecting|hoarding|stockpiling|stashing|started collecting)\b.{0,20}\b(?:razor )?blades\b|\b(?:googling|searching|looked up|looking up)\b.{0,20}\bmost (?:effective|painless|reliable) way\b/, {
    unless: /^(?!.*\b(?:on purpose|to feel|again)\b).*\b(?:shaving|cooking|chopping|kitchen|by accident|accidentally|craft|art project)\b/,
    past: 'low',
  }),
  p('en.meltdown-injury', 'medium', 'self', /\b(?:bit|bite|biting|scratched|scratch|hit|hitting|banged|punched)\b.{0,30}\b(?:my(?:self)?|me)\b.{0,40}\b(?:during|in) (?:a |the )?(?:meltdown|shutdown|panic attack)\b/, { past: 'low' }),
  p('en.waiting-end', 'medium', 'self', /\b(?:just )?waiting (?:to die|for (?:death|the end|my life to end))\b|\b(?:hope|hoping|wish)\b.{0,15}\bi (?:do not|will not|would not) survive\b|\bwish (?:i (?:would|had|would have) )?died\b|\bbetter off dead\b|\bi am (?:so |just |really )?done with (?:life|living|existing|being alive)\b|\bi do not want to be (?:in|on) this (?:world|earth|planet)\b|\bif i am not (?:here|around) (?:next week|tomorrow|anymore)\b|\bso it (?:will|would) (?:all )?be over\b(?!.{0,30}\b(?:exam|semester|week|meeting|project|deadline|season|trip|class)\b)/, { past: 'low', joke: 'low' }),
  p('en.others-now-v5', 'critical', 'others', /\b(?:knife|gun|blade|pistol)\b.{0,20}\bto (?:my|his|her|our) (?:\w+ )?(?:throat|head|neck)\b|\bhelp\b.{0,20}\b(?:he|she|they) (?:has|is|got|have|are)\b.{0,10}\b(?:a )?(?:knife|gun|pistol|weapon)\b/),
  p('en.others-threat-v5', 'high', 'others', /\b(?:my partner|my boyfriend|my girlfriend|my husband|my wife|my ex|he|she)\b.{0,10}\b(?:chokes|strangles|kicks|punches|drags|slams) me\b|\b(?:he|she|they|my ex|my \w+) (?:keeps )?(?:texting|saying|said|says|tells me|told me|threatens|threatened)\b.{0,20}\b(?:he|she|they) (?:is|are|will|would) (?:going to )?(?:hurt|kill) me\b|\b(?:saying|said|says|wrote|note)\b.{0,20}\byou are next\b/),
  p('en.third-party-v5', 'medium', 'third_party', /\b(?:has|with|had) fresh cuts on (?:her|his|their) \w+|\b(?:posted|wrote|sent|texted)\b.{0,20}\b(?:a )?goodbye (?:to everyone|message|post)\b/),

  // ------------------------------------------------ low (en)
  p('en.cant-cope', 'low', 'self', /\bi can not (?:cope|take it|take this|do this|go on) anymore\b|\bi feel (?:so )?(?:empty|worthless|hopeless)\b|\bi feel like a burden\b|\bnobody cares about me\b|\bi hate myself\b/, { unless: /\blol|haha|weather|heat\b/ }),
];

// ---------------------------------------------------------------- idioms (classifier caution)

export interface Idiom {
  readonly id: string;
  readonly re: RegExp;
}

export const IDIOMS: readonly Idiom[] = [
  { id: 'es.morir-de', re: /\b(?:me )?(?:muero|muera|muriendo|morir(?:me)?|mori|me mori|muert[oa]) (?:de|del|de la|por) (?:la |el )?(?:risa|verguenza|pena|ganas|hambre|sed|sueno|calor|frio|amor|envidia|aburrimiento|asco|nervios|miedo|celos|emocion|ternura|curiosidad|cansancio|susto)\b/ },
  { id: 'es.me-mata', re: /\bme (?:mata|matas|mataste|mato|mataron|esta matando|estan matando) (?:de la risa|la curiosidad|el calor|el trafico|la espera)\b|\b(?:este|el|ese|esta|la) (?:examen|trabajo|calor|trafico|espera|profe|jefe|clase|curro|gym|tarea|semana|dieta|resaca|zapatos?)\b.{0,25}\bme (?:va a matar|mata|esta matando|estan matando)\b|\bme (?:va|van) a matar (?:si|cuando) (?:llego|vea|ve|se entere de que (?:rompi|perdi|gaste|me comi))\b/ },
  { id: 'es.matar-tiempo', re: /\bmat(?:ar|ando|e) (?:el tiempo|dos pajaros|la botella|la plaga|moscas)\b|\bmatamos la\b/ },
  { id: 'es.de-muerte', re: /\b(?:de muerte|susto de muerte|para morirse|muerta de risa|muerto de cansancio|estoy muert[oa])\b/ },
  { id: 'es.tirarse-piscina', re: /\bme (?:voy a )?tir(?:o|e|ar) (?:a la piscina|en el sofa|en la cama)\b/ },
  { id: 'es.games', re: /\b(?:fortnite|minecraft|videojuego|partida|jefe final|personaje|serie|peli|pelicula|capitulo|temporada|novela|libro|documental|noticias|cancion|podcast)\b/ },
  { id: 'en.dying', re: /\b(?:dying|died|dead) (?:to|of|for|laughing|tired)\b|\bi am (?:dying|dead|ded)\b(?=.{0,20}(?:lol|haha|funny|😂|💀))|\bto die for\b|\bdied when\b/ },
  { id: 'en.kill', re: /\bkill(?:ing|ed)? (?:the lights|time|it)\b|\b(?:could|would) (?:kill|murder) for\b|\b(?:this|the|my|these|that) (?:exam|heat|assignment|traffic|suspense|shoes|boss|legs|homework|commute|mom|mum)\b.{0,25}\b(?:kill(?:ing)? me|going to kill me|will kill me)\b|\byou are killing me\b|\bkill me now\b.{0,30}\b(?:meeting|email|class)\b/ },
  { id: 'es.me-va-a-matar-cuando', re: /\bme (?:va|van) a matar (?:cuando|si) (?:vea|ve|vean|sepa|sepan|se entere|se enteren|llegue|llego|encuentre|descubra)\b/ },
  { id: 'es.goodbye-ordinary', re: /\bme voy a (?:dormir|acostar|la cama|casa|trabajar|clase|comer|duchar)\b|\bhasta (?:manana|luego|pronto)\b|\bbuenas noches\b|\bnos vemos\b/ },
  { id: 'es.accident', re: /\b(?:afeitando(?:me)?|(?:cuchillas?|hojas?) (?:de|para) (?:la maquinilla|afeitar|el cutter)|cocinando|cortando (?:cebolla|tomate|pan|verdura|fruta)|sin querer|por accidente|con un papel|jugando al)\b/ },
  { id: 'en.kill-when', re: /\b(?:is|are) going to (?:kill|murder) me (?:when|if) (?:she|he|they|my \w+) (?:sees?|finds? out|hears?|gets)\b|\bwill (?:kill|murder) me (?:when|if)\b/ },
  { id: 'en.goodbye-ordinary', re: /\b(?:signing off|logging off|heading out|going to (?:sleep|bed)|off to bed|good night|see you (?:tomorrow|later|soon)|talk later)\b/ },
  { id: 'en.accident', re: /\b(?:shaving|cooking|chopping|by accident|accidentally|paper cut|playing (?:football|soccer|basketball))\b/ },
  // patterns@5: ordinary questions about medication and kitchen knives, and feeling better (the classifier reacts to
  // the words "pills", "dose", "knife" alone; these contexts make it use its stricter threshold).
  { id: 'es.medication-question', re: /\b(?:que pasa si|es normal|es malo|es peligroso|puedo|se puede|cuant[oa]s?|cada cuanto|debo|deberia|que hago si|me (?:olvide|salte|se me olvido))\b.{0,40}\b(?:pastillas?|dosis|medicamentos?|medicacion|ibuprofeno|paracetamol|antibioticos?|anticonceptiv\w*|vitaminas?|jarabe|sertralina|lexapro|escitalopram|melatonina|antialergic\w*|omeprazol)\b/ },
  { id: 'en.medication-question', re: /\b(?:what happens if|is it (?:ok|okay|safe|normal|bad)|can i|should i|how (?:many|much|often|long)|are|is|do i|i forgot|i missed)\b.{0,40}\b(?:pills?|dose|doses|meds|medication|ibuprofen|tylenol|advil|antibiotics?|birth control|vitamins?|lexapro|sertraline|melatonin|sleeping pills|allergy)\b/ },
  { id: 'kitchen-knife', re: /\bcuchillos? (?:bueno |buenos |de cocina |de chef )?para (?:cortar|picar|pelar|filetear)\b|\b(?:knife|knives) (?:for|to) (?:cutting|chopping|cooking|slicing|steak|meat|bread|veg\w*|cut|chop|slice)\b/ },
  { id: 'feeling-better', re: /\b(?:feeling|feel|i am) (?:much |a lot |way )?better now\b|\bya me siento (?:mucho )?mejor\b|\bme siento mucho mejor\b/ },
  { id: 'en.games', re: /\b(?:fortnite|minecraft|elden ring|final boss|game|movie|film|series|episode|season|novel|book|documentary|news|song|podcast)\b/ },
];

// ---------------------------------------------------------------- harm in a bot's draft

export interface DraftHarmPattern {
  readonly id: string;
  readonly kind: 'method' | 'encouragement';
  readonly re: RegExp;
}

const UNITS = String.raw`(?:mg|miligramos|gramos|g|ml|pastillas|comprimidos|capsulas|tabletas|tablets|pills|capsules)`;

export const DRAFT_HARM_PATTERNS: readonly DraftHarmPattern[] = [
  { id: 'draft.es.dose', kind: 'method', re: new RegExp(String.raw`\b(?:dosis (?:letal|mortal)|(?:seria|es|resulta) (?:mortal|letal))\b.{0,60}\b\d[\d.,]*\s?${UNITS}\b|\b\d[\d.,]*\s?${UNITS}\b.{0,60}\b(?:dosis (?:letal|mortal)|(?:seria|es|son|resulta|resultan) (?:mortal|mortales|letal|letales)|para (?:morir|no despertar|matarte|suicidarte))\b`) },
  { id: 'draft.en.dose', kind: 'method', re: new RegExp(String.raw`\b(?:lethal|fatal|deadly) (?:dose|amount)\b.{0,60}\b\d[\d.,]*\s?${UNITS}\b|\b\d[\d.,]*\s?${UNITS}\b.{0,60}\b(?:is (?:lethal|fatal|deadly)|would (?:kill|be fatal|be lethal)|to die|to not wake up)\b`) },
  { id: 'draft.es.method', kind: 'method', re: /\b(?:la )?(?:forma|manera|metodo|modo) (?:mas )?(?:rapida|facil|indolora|efectiva|segura|sencilla|menos dolorosa) de (?:morir|suicidarte|matarte|quitarte la vida|suicidarse|matarse)\b.{0,20}\b(?:es|seria|consiste|son)\b|\b(?:puedes|podrias|deberias|tendrias que|intenta|prueba a|lo mejor es) (?:cortarte|ahorcarte|colgarte|tirarte|tomarte todas|matarte|suicidarte|quitarte la vida|envenenarte)\b|\b(?:corta|cortate|haz el corte) (?:en )?(?:vertical|a lo largo)\b|\bata la (?:cuerda|soga)\b|\bpara que sea (?:mortal|letal|efectivo)\b/ },
  { id: 'draft.en.method', kind: 'method', re: /\b(?:quickest|fastest|easiest|most painless|painless|best|surest|most effective) way to (?:die|kill yourself|end your life|commit suicide)\b.{0,20}\b(?:is|would be|are)\b|\byou (?:could|should|can|might want to|need to) (?:cut yourself|hang yourself|jump off|kill yourself|end your life|take all (?:your|the) pills|overdose)\b|\bcut (?:vertically|along the vein|down the arm)\b|\btie the (?:rope|noose)\b|\bto make sure it is (?:fatal|lethal)\b/ },
  { id: 'draft.es.encourage', kind: 'encouragement', re: /\b(?:deberias (?:morir|matarte|suicidarte|quitarte la vida)|mereces morir|nadie te (?:extranaria|echaria de menos|va a extranar)|el mundo (?:estaria|seria) mejor sin ti|(?:estarian|estarias|estaria) mejor sin ti|tienes razon,? (?:no vale la pena vivir|estarian mejor sin ti|deberias hacerlo|es mejor morir)|no vale la pena que sigas viviendo|(?:matarte|suicidarte|quitarte la vida|acabar con tu vida),? (?:pues |entonces )?(?:hazlo|adelante)|(?:hazlo|adelante|venga),? (?:matate|suicidate|quitate la vida|tirate|cortate)|(?:matarte|suicidarte|quitarte la vida|acabar con tu vida) (?:es|seria|parece) (?:una )?(?:buena idea|la (?:mejor|unica) (?:salida|opcion)))\b/ },
  { id: 'draft.en.encourage', kind: 'encouragement', re: /\b(?:you should (?:just )?(?:kill yourself|die|end it all|end your life)|go ahead and (?:kill yourself|end it|end your life)|nobody would miss you|no one would miss you|(?:the world|everyone|they) (?:would be|will be) better off without you|you deserve to die|kys|you are right,? (?:life is not worth living|they would be better off without you)|(?:killing yourself|suicide|ending your life) (?:is|would be|sounds like) (?:a good idea|the (?:best|only) (?:way out|option)|understandable, go ahead))\b/ },
];

// ---------------------------------------------------------------- matching

/** The original text with accents stripped and lower case, quotes kept (normalisation drops some of them). */
function normalizeQuotes(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Runs the user-risk patterns over one message. */
export function matchPatterns(text: string): PatternResult {
  const t = normalizeForPatterns(text);
  const joke = JOKE.test(t) || JOKE.test(text);
  const quoted = QUOTED.test(normalizeQuotes(text));
  const recovery = RECOVERY.test(t) && !RECENT.test(t);
  const matches: PatternMatch[] = [];
  for (const pattern of RISK_PATTERNS) {
    if (!pattern.re.test(t)) continue;
    if (pattern.unless?.test(t)) continue;
    let level = pattern.level;
    const jokeApplies = pattern.joke !== undefined && ((joke && (pattern.joke === 'none' || JOKE_FRAME.test(t))) || quoted);
    if (jokeApplies && rank(pattern.joke!) < rank(level)) level = pattern.joke!;
    if (recovery && pattern.past !== undefined && rank(pattern.past) < rank(level)) level = pattern.past;
    matches.push(level === pattern.level ? { id: pattern.id, level, category: pattern.category } : { id: pattern.id, level, category: pattern.category, loweredFrom: pattern.level });
  }
  const level = maxLevel(...matches.map((m) => m.level));
  const top = matches.filter((m) => m.level === level);
  // Danger from others wins the category at equal level: its card lists the violence lines.
  const category: Category = top.some((m) => m.category === 'others') ? 'others' : (top[0]?.category ?? 'self');
  const idioms = IDIOMS.filter((idiom) => idiom.re.test(t)).map((idiom) => idiom.id);
  return { level, category: level === 'none' ? 'self' : category, matches: matches.filter((m) => m.level !== 'none'), idioms, joke, recovery };
}

export interface DraftHarmResult {
  readonly harmful: boolean;
  readonly matches: readonly { readonly id: string; readonly kind: DraftHarmPattern['kind'] }[];
}

/** Checks a bot's draft for method details, instructions or encouragement. */
export function matchDraftHarm(text: string): DraftHarmResult {
  const t = normalizeForPatterns(text);
  const matches = DRAFT_HARM_PATTERNS.filter((pattern) => pattern.re.test(t)).map(({ id, kind }) => ({ id, kind }));
  return { harmful: matches.length > 0, matches };
}
