/**
 * @module spoiler-detector/cues
 * The transparent layer of the detector: a small lexicon of regular expressions per category (Spanish in its
 * Spain / Mexico / Río de la Plata / Andean variants, and English), each with a weight from 0 to 1, read over a
 * normalised text (accents stripped, lower case, letters repeated 3+ times collapsed, common texting abbreviations
 * expanded). The detector combines a category's cue score with the model's probability (`detector.ts`); a cue alone
 * is evidence, not a verdict.
 *
 * Each hit names its cue id, so an analysis can say *why* a category was raised. Cues are deliberately few and
 * specific: recall comes mostly from the model; cues anchor the phrasings that matter most (passwords, "o ellos o yo",
 * "te vas a arrepentir", "si me quisieras…").
 *
 * Guards:
 * - negation: a negator ("no", "nunca", "never", "won't" …) in the two words before a negatable cue cancels it
 *   ("nunca te revisaría el celular"), unless it is a question-demand ("¿por qué no me pasas tu clave?");
 * - respect markers ("si quieres", "no pasa nada", "no pressure", "up to you" …) halve control, surveillance,
 *   economic and sexual cues ("mándame tu ubicación cuando llegues, si quieres");
 * - joke markers ("jaja", "lol", 😂 …) cut threat and insult cues to a third and clear the danger flag ("te mato si me haces
 *   spoiler jajaja"). Abusers joke too: the model still weighs the words.
 */
import { CATEGORIES, type Category } from './categories.ts';

export interface Cue {
  readonly id: string;
  readonly category: Category;
  readonly pattern: RegExp;
  readonly weight: number;
  /** A negator right before the match cancels it. @default true */
  readonly negatable?: boolean;
  /** Physical danger (death threats, weapons, strangulation, assault): raises the risk to critical. */
  readonly danger?: boolean;
  /** A threat of self-harm used as pressure ("si me dejas me mato"): high risk, and a crisis signal. */
  readonly selfHarm?: boolean;
}

export interface CueHit {
  readonly id: string;
  readonly category: Category;
  /** The weight after guards (negation, respect, jokes). */
  readonly weight: number;
}

export interface CueResult {
  /** Per category: 1 − ∏(1 − weight) over its hits; 0 without hits. */
  readonly scores: Readonly<Record<Category, number>>;
  readonly hits: readonly CueHit[];
  readonly danger: boolean;
  readonly selfHarm: boolean;
  readonly joking: boolean;
  readonly respectful: boolean;
}

// Short building blocks (over normalised text: no accents, lower case).
const YOU_ARE_ES = '(?:eres|sos|estas|andas|pareces|sois)';
const PHONE_ES = '(?:celular|cel|movil|telefono|fono|whatsapp|whats|wasap|mensajes|chats?|conversaciones|dms?|insta(?:gram)?|redes|face(?:book)?|correo|mail)';
const PASSWORD_ES = '(?:contrasena|contra|clave|password|pass|pin|codigo|patron)';
/** A password of the person, not of a shared service (wifi, Netflix …). */
const OWN_PASSWORD_ES = `${PASSWORD_ES}\\b(?! (?:del |de la |de |para el |para la )?(?:wifi|wi fi|spotify|netflix|hbo|max|disney|prime|youtube|portatil|caja fuerte|router|hotel|alarma|garaje|cochera|zoom)\\b)`;
const FRIENDS_ES = '(?:amig[oa]s?|amistades|familia|madre|mama|padre|papa|viejos|hermanas?|hermanos?|primas?|primos?|compas|colegas|companer[oa]s?|parceras?|parceros?|panas|cuates|pibas?)';
const KIDS_ES = '(?:ninos|ninas|hijos|hijas|hijo|hija|nene|nena|bebe|crios|chamacos|chicos)';
const MONEY_ES = '(?:sueldo|salario|quincena|aguinaldo|nomina|dinero|plata|lana|pasta|guita|tarjeta|paga|cuenta|ahorros|billete)';
const INSULT_ES =
  '(?:estupid[oa]|idiota|imbecil|inutil|put[oa]|zorra|perra|gorda|fea|tarad[oa]|pendej[oa]|basura|asqueros[oa]|ridicul[oa]|patetic[oa]|fracasad[oa]|cerda|retrasad[oa]|subnormal|cualquiera|regalada|mierda|tonta|bruta|burra|ignorante|loca de mierda|mongolic[oa]|mogolic[oa]|boluda|pelotuda|huevona|weona|guevona|babosa|naca|corriente|golfa|furcia)';
const YOU_ARE_EN = "(?:you(?:'re| are| r)|your|ur|you)";
const INSULT_EN =
  '(?:stupid|idiot|useless|worthless|pathetic|fat|ugly|whore|slut|bitch|disgusting|loser|dumb|moron|joke|embarrassment|retard(?:ed)?|trash|garbage|nothing|cow|pig|psycho)';

const cue = (category: Category, id: string, pattern: string, weight: number, extra: Partial<Cue> = {}): Cue => ({
  id: `${category}.${id}`,
  category,
  pattern: new RegExp(pattern, 'g'),
  weight,
  ...extra,
});

export const CUES: readonly Cue[] = [
  // ---------------------------------------------------------------- control
  cue('control', 'permission', `\\b(?:tienes|tenes|tiene|vas a tener) que pedirme permiso\\b|\\bpideme permiso\\b|\\bsin (?:mi|pedirme) permiso\\b|\\bquien te (?:dio|ha dado) permiso\\b|\\bcon permiso de quien\\b`, 0.85),
  cue('control', 'forbid', `\\bte (?:lo )?prohibo\\b|\\b(?:tienes|tenes) prohibido\\b|\\bno te (?:dejo|voy a dejar) (?:salir|ir|ponerte|vestirte|ver)\\b`, 0.85, { negatable: false }),
  cue('control', 'clothes', `\\b(?:quitate|cambiate|sacate) (?:(?:esa|ese|eso|esos|esas)\\b|(?:la|el|esa|ese) (?:falda|pollera|vestido|escote|short|shorts|top|minifalda|maquillaje|pintalabios|labial)\\b)|\\bvestida (?:asi|de esa forma) no (?:sales|salis|vas|te vas)\\b|\\bno (?:vas a salir|salis|sales) (?:asi|vestida)\\b|\\bni se te ocurra ponerte\\b`, 0.8, { negatable: false }),
  cue('control', 'not-going', `\\bno (?:vas a|vas|te vas a) (?:salir|ir) (?:a ningun|a ninguna|hoy|esta noche|con nadie|sin mi)\\b|\\btu no vas a (?:ningun|ninguna)\\b|\\bno vas a ningun lado\\b|\\bde aqui no sales\\b`, 0.7, { negatable: false }),
  cue('control', 'obey', `\\b(?:obedeceme|obedece|me (?:tienes|tenes) que obedecer|haz lo que (?:te digo|yo diga)|hace lo que te digo|se hace lo que yo (?:digo|diga)|aqui mando yo|aca mando yo|yo mando|yo decido (?:que|como|cuando|donde|con quien)|porque lo digo yo|por que lo digo yo)\\b`, 0.75, { negatable: false }),
  cue('control', 'curfew', `\\b(?:te quiero|quiero verte|tenes que estar|tienes que estar|vuelves|volves|estas) en (?:la )?casa (?:a las|antes de las)\\b|\\ba las \\d+ (?:te quiero )?en casa\\b`, 0.65, { negatable: false }),
  cue('control', 'en-permission', `\\b(?:you need|you have to ask|ask) (?:for )?my permission\\b|\\bwithout (?:asking )?my permission\\b|\\bwho (?:said|told you) you could\\b|\\bwho gave you permission\\b`, 0.85),
  cue('control', 'en-forbid', `\\bi forbid you\\b|\\byou(?:'re| are) not allowed to\\b|\\bi(?:'m| am) not letting you (?:go|leave|wear|see)\\b|\\byou(?:'re| are) not going (?:out|anywhere)\\b|\\byou (?:aren't|are not) leaving (?:this house|the house|tonight)\\b`, 0.8, { negatable: false }),
  cue('control', 'en-clothes', `\\b(?:take|change) (?:that|those|it) (?:off|dress|skirt|top|outfit)\\b|\\bchange (?:your|that) (?:outfit|clothes|dress|skirt)\\b|\\byou(?:'re| are) not (?:going out|leaving|wearing) (?:in |like )?(?:that|this)\\b`, 0.75, { negatable: false }),
  cue('control', 'en-obey', `\\bdo (?:as|what) i (?:say|tell you)\\b|\\bbecause i said so\\b|\\bi make the rules\\b|\\bi decide (?:who|what|where|when)\\b|\\bbe home by\\b`, 0.7, { negatable: false }),

  // ---------------------------------------------------------------- jealousy
  cue('jealousy', 'mine', `\\b(?:eres|sos) (?:solo |solamente )?mia\\b|\\b(?:eres|sos) (?:solo )?mio\\b|\\bmia y de nadie mas\\b|\\bmio y de nadie mas\\b|\\b(?:eres|sos) de mi propiedad\\b`, 0.85, { negatable: false }),
  cue('jealousy', 'who-is', `\\bquien (?:es|era|carajos es|chingados es|mierda es) (?:ese|esa|el|ella|ese tipo|ese wey|ese pibe|ese chavo|ese man|ese vato|ese tio|esa tia)\\b`, 0.45, { negatable: false }),
  cue('jealousy', 'cheating', `\\bme (?:estas )?(?:enganas|enganando|pones los cuernos|pones el gorro|estas poniendo los cuernos|eres infiel|sos infiel)\\b|\\bte (?:estas viendo|andas viendo|acuestas|estas acostando|revuelcas) con\\b|\\bseguro (?:que )?(?:te gusta|te lo|te la|andas con|estas con)\\b|\\bcon quien (?:me )?(?:enganas|andas)\\b`, 0.7, { negatable: false }),
  cue('jealousy', 'likes', `\\bpor que (?:le )?(?:diste|das|le diste|le das) (?:like|likes|me gusta|corazon)\\b|\\b(?:le )?(?:diste|das) like a (?:su|sus|esa|ese|la|las)\\b|\\bpor que le (?:sonreiste|sonries|hablas|hablaste|contestas|respondes|sigues)\\b|\\bpor que (?:lo|la) sigues\\b`, 0.6, { negatable: false }),
  cue('jealousy', 'no-talking', `\\bno (?:quiero|me gusta) que (?:hables|te hables|chatees|te escribas|mires|saludes) (?:con |a )?(?:otros|otras|otro|otra|ese|esa|tu ex|chicos|chicas|hombres|mujeres|tipos|nadie)\\b`, 0.6, { negatable: false }),
  cue('jealousy', 'coworker', `\\b(?:tu|ese) (?:jefe|companero|compa|profe|profesor|entrenador) (?:te (?:quiere|tira|tiene ganas)|quiere contigo)\\b|\\btodos (?:te quieren|quieren) (?:coger|cogerte|follarte|acostarse contigo|contigo)\\b`, 0.55, { negatable: false }),
  cue('jealousy', 'en-mine', `\\byou(?:'re| are) (?:only )?mine\\b|\\byou belong to me\\b|\\bmine and (?:no one|nobody) else'?s\\b`, 0.85, { negatable: false }),
  cue('jealousy', 'en-who', `\\bwho (?:the (?:hell|fuck) )?(?:is|was) (?:that|he|she|this guy|that guy|that girl)\\b`, 0.45, { negatable: false }),
  cue('jealousy', 'en-cheating', `\\b(?:are you|you(?:'re| are)|i know you(?:'re| are)) (?:cheating|sleeping with|fucking|seeing someone)\\b|\\bcheating on me\\b|\\bflirting with (?:him|her|them|that|every)\\b`, 0.7, { negatable: false }),
  cue('jealousy', 'en-likes', `\\bwhy did you (?:like|comment on|follow|text|smile at) (?:his|her|that|their)\\b|\\bwhy are you (?:following|liking|texting) (?:him|her|that)\\b`, 0.6, { negatable: false }),
  cue('jealousy', 'en-no-talking', `\\bi don'?t want you (?:talking|texting|speaking) (?:to|with) (?:other |any )?(?:guys|men|girls|women|him|her|your ex|anyone)\\b`, 0.6, { negatable: false }),

  // ---------------------------------------------------------------- isolation
  cue('isolation', 'them-or-me', `\\bo (?:ellos|ellas|el|ella|tus ${FRIENDS_ES}|tu ${FRIENDS_ES}|tus amigas|la facultad|el trabajo|el gym|el futbol|tu grupo) o yo\\b|\\b(?:ellos|ellas) o yo\\b|\\bme eliges a mi o a\\b|\\belegis entre (?:ellos|ellas|tus)\\b|\\belige(?:s)? (?:entre )?(?:ellos|ellas|tus ${FRIENDS_ES}) o yo\\b`, 0.9, { negatable: false }),
  cue('isolation', 'bad-influence', `\\b(?:tus|tu) ${FRIENDS_ES} (?:son|es) (?:una )?malas? influencias?\\b|\\b(?:tus|tu) ${FRIENDS_ES} te (?:llenan|llena|meten|mete|calientan|envenenan|ponen) (?:la cabeza|ideas|en mi contra|contra mi)\\b|\\b(?:tus|tu) ${FRIENDS_ES} no te (?:quieren|quiere) (?:como yo|de verdad|bien)\\b`, 0.75, { negatable: false }),
  cue('isolation', 'only-me', `\\bsolo (?:me )?(?:necesitas|tienes|tenes) (?:a mi|que estar conmigo)\\b|\\bno necesitas a nadie (?:mas|mas que a mi)\\b|\\bnadie te (?:quiere|va a querer|va a cuidar) como yo\\b|\\bcon(?:migo)? (?:te basta|tenes suficiente|tienes suficiente)\\b`, 0.75, { negatable: false }),
  cue('isolation', 'stop-seeing', `\\bno (?:quiero|me gusta) que (?:veas|salgas con|vayas con|hables con|te juntes con|visites|llames) (?:a )?(?:tus|tu|esa|ese|esas) ${FRIENDS_ES}\\b|\\b(?:deja|dejes|dejar|dejá) de (?:ver|salir con|juntarte con|hablar con|hablarle a|llamar a|visitar a|ir con) (?:a )?(?:tus|tu|esa|ese|esas|esos) ?(?:${FRIENDS_ES}|amiga|amigo)?\\b|\\bya no (?:vas a|vas) (?:ver|juntarte con|salir con) (?:a )?(?:tus|tu|esa)\\b`, 0.7, { negatable: false }),
  cue('isolation', 'block-delete', `\\b(?:borra|bloquea|elimina|borrala|borralo|bloquealo|bloqueala|eliminala|eliminalo|borres|bloquees|elimines|deja de seguir) (?:a )?(?:tus|tu|ese|esa|todos|todas|esos|esas|el|la|de instagram|de tus)\\b`, 0.6),
  cue('isolation', 'friends-again', `\\b(?:otra vez|de nuevo|siempre) (?:con|vas con|sales con|estas con) (?:tus|las|los|esas|esos) ${FRIENDS_ES}\\b|\\bsi (?:sales|salis|vas|te vas) con (?:tus|tu|las|esas|esos|ellas|ellos) ?(?:${FRIENDS_ES})?(?: otra vez)? (?:te dejo|terminamos|me voy|se acabo|no me busques|olvidate)\\b|\\bno (?:vas a|vas) (?:ir|salir) (?:a|con) (?:tus|la|el) (?:${FRIENDS_ES}|fiesta|cena|cumple|cumpleanos|boda|reunion|junta|carrete|previa|quedada)\\b`, 0.65, { negatable: false }),
  cue('isolation', 'en-them-or-me', `\\b(?:it'?s|its) (?:them|me) or (?:me|them)\\b|\\b(?:it'?s|its) (?:me|them) or your (?:friends|family|mom|sister|job)\\b|\\byour (?:friends|family) or me\\b|\\bchoose (?:between )?(?:me|them)\\b`, 0.85, { negatable: false }),
  cue('isolation', 'en-bad-influence', `\\byour (?:friends|family|sister|mom|mother|bestie|best friend) (?:are|is) (?:a )?bad influences?\\b|\\byour (?:friends|family|sister|mom|mother) (?:are|is) (?:turning|poisoning|putting) (?:you|ideas)\\b|\\byour (?:friends|family) (?:don'?t|doesn'?t) (?:really )?(?:care about|love) you\\b`, 0.75, { negatable: false }),
  cue('isolation', 'en-only-me', `\\byou don'?t need (?:them|anyone|anybody|friends|your friends)(?: else)?(?: but me| except me)?\\b|\\byou only need me\\b|\\ball you need is me\\b|\\bnobody (?:will )?(?:loves?|cares? about) you like i do\\b`, 0.75, { negatable: false }),
  cue('isolation', 'en-stop-seeing', `\\b(?:stop|quit) (?:seeing|hanging out with|talking to|texting|going out with|visiting) (?:your|that|those|her|him)\\b|\\bi don'?t want you (?:seeing|hanging out with|going out with|visiting|around) (?:your )?(?:friends|family|sister|mom|mother|brother|them)\\b|\\bcut (?:them|her|him|your \\w+) off\\b`, 0.7, { negatable: false }),

  // ---------------------------------------------------------------- surveillance
  cue('surveillance', 'password', `\\b(?:dame|damela|pasame|pasamela|mandame|quiero|necesito|decime|dime|me (?:das|pasas|dices|decis)|cual es) (?:tu |la |el |tus |las )?${OWN_PASSWORD_ES}|\\b${PASSWORD_ES} (?:de|del) (?:tu |el |la )?(?:celular|cel|movil|telefono|insta|instagram|whatsapp|face|facebook|correo|mail|tiktok|cuenta|compu)\\b|\\bcambiaste (?:la |tu )?${PASSWORD_ES}\\b`, 0.85),
  cue('surveillance', 'location-always', `\\bubicacion (?:en tiempo real|todo el dia|siempre|cada hora|las 24|24 horas|activada siempre|permanente)\\b|\\b(?:desactivaste|quitaste|apagaste|ocultaste) (?:la |tu )?ubicacion\\b|\\b(?:prende|activa|pone|pon|ponme) (?:la |tu )?ubicacion (?:ya|ahora|otra vez|de nuevo)\\b|\\bquiero (?:ver )?(?:saber )?donde estas (?:todo el tiempo|siempre|en todo momento)\\b`, 0.85),
  cue('surveillance', 'every-hour', `\\bcada (?:hora|media hora|rato|15 minutos|quince minutos|30 minutos|dos horas) (?:me )?(?:mandas|mandame|manda|envias|enviame|me escribes|me escribis|me avisas|reportate)\\b|\\b(?:mandame|manda|enviame) (?:tu )?ubicacion cada\\b`, 0.8),
  cue('surveillance', 'photo-proof', `\\b(?:mandame|manda|enviame|pasame) (?:una |un )?(?:foto|video|selfie|audio) (?:de )?(?:donde|dnd|con quien|para (?:saber|ver|comprobar|creerte)|pa (?:ver|saber)|que compruebe|del lugar|de quien)\\b|\\b(?:foto|prueba|pruebas) de (?:donde|con quien) (?:estas|estabas)\\b`, 0.8),
  cue('surveillance', 'check-phone', `\\bme (?:revisa|revisaba|revisa todo|lee|leia|mira|miraba|checa|chequea|controla|controlaba|agarra|agarro|quita|quito|pide|pidio) (?:el |los |mis |todos mis |todo el )?${PHONE_ES}\\b|\\b(?:revise|reviso|revisar|revisa|revisando|voy a revisar|lei|leo|leer|voy a leer|mire|miro|vi|entre a|chequee|cheque) (?:tu |tus |todo tu |todos tus )${PHONE_ES}\\b|\\b(?:desbloquea|ensename|muestrame|mostrame|dame) (?:tu |el )?(?:celular|cel|movil|telefono|fono|chat|whatsapp)\\b`, 0.8),
  cue('surveillance', 'calls', `\\bte (?:llame|he llamado|marque) (?:\\d+|mil|veinte|treinta|cincuenta|diez|quince|cuarenta) (?:veces|llamadas)\\b|\\b(?:\\d+|veinte|treinta|cincuenta|quince) llamadas perdidas\\b|\\b(?:estabas|estas|aparecias|apareces) en linea y no (?:me )?(?:contestas|contestaste|respondes|respondiste)\\b|\\b(?:ultima vez|ultima conexion) (?:a las|hace)\\b`, 0.65, { negatable: false }),
  cue('surveillance', 'tracking', `\\b(?:instale|instalo|instalar|puse|puso|pusiste|tengo|tiene) (?:una |la )?(?:app|aplicacion) (?:en tu|para ver|para saber|de rastreo|de localizacion|de control|espia)\\b|\\b(?:te |me )?(?:rastrea|rastreo|rastreaba|rastrear|localiza|localizo)\\b|\\b(?:localizador|gps) (?:en|del) (?:tu |el |mi )?(?:carro|coche|auto|celular|movil|bolso)\\b|\\b(?:me|te) (?:segui|sigo|siguio|sigue|espera|esperaba) (?:hasta|al salir|a la salida|afuera)\\b`, 0.75),
  cue('surveillance', 'en-password', `\\b(?:give|send|tell|text) me (?:your |the )?(?:password|passcode|pin|login|code)\\b|\\bwhat(?:'s| is) your (?:password|passcode|pin)\\b|\\bdid you change (?:your |the )?(?:password|passcode)\\b`, 0.85),
  cue('surveillance', 'en-location', `\\bshare (?:your )?location (?:all the time|24/?7|always|at all times|every)\\b|\\bturn (?:your )?location (?:back )?on\\b|\\bwhy did you (?:turn off|hide|disable) (?:your )?location\\b|\\bi (?:need|want) to (?:see|know) where you are (?:at all times|all the time|every)\\b|\\b(?:life360|find my)\\b`, 0.8),
  cue('surveillance', 'en-photo-proof', `\\bsend (?:me )?(?:a )?(?:pic|photo|picture|selfie|video) (?:of where|so i know|to prove|proving|of who|right now so)\\b|\\bprove (?:where you are|who you(?:'re| are) with)\\b`, 0.8),
  cue('surveillance', 'en-check-phone', `\\b(?:went|go(?:es)?|going|looked|look(?:s|ing)?) through (?:your|her|my) (?:phone|messages|texts|dms|emails)\\b|\\bcheck(?:ed|s|ing)? (?:your|my|her) (?:phone|messages|texts|dms|emails)\\b|\\bunlock (?:your )?phone\\b|\\b(?:reads?|reading) (?:all )?my (?:texts|messages|dms)\\b|\\bhand (?:me )?(?:over )?your phone\\b`, 0.8),
  cue('surveillance', 'en-calls', `\\b(?:called|texted) you (?:\\d+|twenty|thirty|fifty|forty|a hundred) times\\b|\\byou were online and (?:didn'?t|did not) (?:answer|reply|respond)\\b|\\b\\d+ missed calls\\b`, 0.65, { negatable: false }),
  cue('surveillance', 'en-tracking', `\\b(?:installed|put|hid) (?:an? )?(?:app|tracker|tracking app|airtag|gps) (?:on|in) (?:your|my|her)\\b|\\btrack(?:s|ed|ing)? (?:my|your|her) (?:phone|location|car)\\b|\\bfollowed me (?:to|from|home)\\b`, 0.8),

  // ---------------------------------------------------------------- gaslighting
  cue('gaslighting', 'never-happened', `\\b(?:eso|esto) (?:nunca|jamas) (?:paso|ocurrio|sucedio|existio)\\b|\\b(?:yo )?nunca (?:te )?dije eso\\b|\\byo no (?:te )?dije (?:eso|nada de eso)\\b|\\bte lo (?:estas )?(?:imaginando|inventando|imaginas|inventas|sonaste)\\b|\\bte (?:imaginas|inventas) (?:cosas|todo)\\b|\\b(?:tienes|tenes) (?:muy )?mala memoria\\b|\\b(?:te )?acordas mal\\b|\\brecuerdas mal\\b`, 0.8, { negatable: false }),
  cue('gaslighting', 'crazy', `\\b${YOU_ARE_ES} (?:loca|loco|enferma|enfermo|paranoica|paranoico|mal de la cabeza|demente|histerica|bipolar|zafada|chiflada|desquiciada)\\b|\\bestas viendo cosas\\b|\\bnecesitas (?:un )?psiquiatra\\b`, 0.7, { negatable: false }),
  cue('gaslighting', 'oversensitive', `\\b(?:eres|sos) (?:muy |demasiado |una )?(?:exagerada|exagerado|sensible|dramatica|dramatico|intensa|intenso|victima|de cristal|drama queen)\\b|\\b(?:exageras|estas exagerando|exagerando como siempre|haces un drama|haces drama|te haces la victima|te victimizas|armas un drama|armas un pedo|te ahogas en un vaso)\\b`, 0.6, { negatable: false }),
  cue('gaslighting', 'made-me', `\\b(?:mira|ves|viste) lo que me (?:haces|hiciste|obligas a) hacer\\b|\\bme (?:provocaste|provocas|obligaste|obligas|sacas de quicio|sacaste de quicio)\\b|\\bpor tu culpa (?:me|te|lo|la|yo|estoy|perdi|rompi|grite)\\b|\\b(?:tu|vos) (?:tienes|tenes) la culpa\\b|\\b(?:es|fue) (?:toda )?tu culpa (?:que|de que|lo que|por)\\b|\\bsi no me (?:hicieras|hubieras|provocaras) enojar\\b|\\bme hiciste (?:enojar|reaccionar asi|perder la cabeza|gritarte)\\b`, 0.8, { negatable: false }),
  cue('gaslighting', 'nobody-believes', `\\bnadie te (?:va a creer|creeria|cree)\\b|\\bquien te va a creer\\b|\\btodos (?:saben|piensan|dicen) que (?:estas|eres|sos) loca\\b`, 0.75, { negatable: false }),
  cue('gaslighting', 'en-never-happened', `\\bthat never happened\\b|\\bi never said that\\b|\\byou(?:'re| are) (?:imagining|making (?:it|that|this|things) up|remembering (?:it |that )?wrong|inventing)\\b|\\byour memory is\\b|\\byou(?:'re| are) remembering\\b`, 0.8, { negatable: false }),
  cue('gaslighting', 'en-crazy', `\\byou(?:'re| are| r|r) (?:crazy|insane|psycho|paranoid|delusional|hysterical|mental|losing it|losing your mind)\\b|\\byou need (?:to see a )?(?:therapy|a shrink|meds|help)\\b`, 0.7, { negatable: false }),
  cue('gaslighting', 'en-oversensitive', `\\byou(?:'re| are| r) (?:way )?(?:too|so|being) (?:sensitive|dramatic|emotional)\\b|\\byou(?:'re| are| r) overreacting\\b|\\b(?:stop|quit) (?:being so )?(?:dramatic|overreacting|playing the victim)\\b|\\bplaying the victim\\b`, 0.6, { negatable: false }),
  cue('gaslighting', 'en-made-me', `\\b(?:look|see) what you made me do\\b|\\byou made me (?:do|hit|yell|lose|snap|say|react|angry)\\b|\\b(?:it'?s|its|that'?s|thats) (?:all )?your (?:own )?fault (?:i|that|for)\\b|\\byou (?:provoked|provoke) me\\b|\\bif you hadn'?t (?:made me|provoked)\\b`, 0.8, { negatable: false }),
  cue('gaslighting', 'en-nobody-believes', `\\bno ?one (?:will|would|is going to|gonna) believe you\\b|\\bwho(?:'s| is| would| will) (?:gonna |going to )?believe you\\b|\\beveryone (?:knows|thinks) you(?:'re| are) crazy\\b`, 0.75, { negatable: false }),

  // ---------------------------------------------------------------- insults
  cue('insults', 'you-are', `\\b${YOU_ARE_ES} (?:una |un |tan |muy |re |bien )?${INSULT_ES}\\b|\\b(?:pinche|maldita|maldito|pedazo de|grandisima|flor de|tremenda|reverenda) ${INSULT_ES}\\b`, 0.8, { negatable: false }),
  cue('insults', 'worthless', `\\bno (?:sirves|servis|vales) (?:para nada|nada|ni para)\\b|\\bno vales (?:nada|ni un|la pena)\\b|\\b(?:das|me das|dais) (?:asco|verguenza|pena|lastima|vergüenza)\\b|\\bme (?:avergüenzas|averguenzas|das asco)\\b|\\bnadie (?:mas )?te (?:va a querer|querria|aguantaria|va a aguantar|soportaria|va a soportar|va a mirar)\\b|\\b(?:mirate|mírate) (?:al espejo|bien)\\b|\\bquien te va a querer (?:asi|con ese|con esa)\\b`, 0.8, { negatable: false }),
  cue('insults', 'shut-up', `\\bcallate (?:la boca|de una vez|ya|imbecil|estupida|pendeja|tarada|pelotuda|boluda)\\b|\\bcierra (?:la boca|el hocico|el pico)\\b|\\bno (?:digas|hables) (?:mas )?(?:pendejadas|estupideces|boludeces|tonterias|gilipolleces)\\b`, 0.55, { negatable: false }),
  cue('insults', 'slur', `\\b(?:puta|zorra|perra|golfa|furcia|cualquiera|regalada|maraca|gorda asquerosa|estupida de mierda|pendeja de mierda|hija de puta|malparida|hdp)\\b`, 0.55, { negatable: false }),
  cue('insults', 'en-you-are', `\\b${YOU_ARE_EN} (?:a |an |so |such a |such an |fucking |fkn |fat |stupid )?${INSULT_EN}\\b|\\b(?:you|u) (?:stupid|dumb|fat|ugly|worthless|useless|pathetic|fucking) (?:bitch|cow|idiot|whore|slut|pig|loser)\\b`, 0.8, { negatable: false }),
  cue('insults', 'en-worthless', `\\bno ?one (?:else )?(?:will|would|is gonna|is going to) (?:ever )?(?:want|love|date|put up with|touch) you\\b|\\byou disgust me\\b|\\byou(?:'re| are) an embarrassment\\b|\\byou embarrass me\\b|\\blook at yourself\\b|\\byou(?:'re| are) (?:good for )?nothing\\b|\\byou can'?t do anything right\\b`, 0.8, { negatable: false }),
  cue('insults', 'en-shut-up', `\\bshut (?:the fuck |tf |your (?:fucking )?mouth|up you)\\b|\\bshut up (?:bitch|idiot|stupid)\\b`, 0.55, { negatable: false }),

  // ---------------------------------------------------------------- threats (and physical violence)
  cue('threats', 'regret', `\\bte (?:vas a|va a|vais a) (?:arrepentir|acordar de mi|enterar)\\b|\\bte arrepentiras\\b|\\bya (?:vas a ver|veras|vas a saber) (?:lo que te (?:pasa|va a pasar|hago)|quien soy|de lo que soy capaz|cuando (?:llegue|llegues|te agarre|vuelva|te vea))\\b|\\bya (?:vas a ver|veras)[.!]*$|\\bno sabes de lo que (?:soy|es|seria) capaz\\b|\\bte la vas a ver conmigo\\b|\\bme las vas a pagar\\b|\\bvas a (?:pagar|saber) (?:caro|lo que es bueno)\\b|\\bcuidate (?:mucho|bien) porque\\b|\\bno respondo de mi\\b`, 0.8, { negatable: false }),
  cue('threats', 'kill', `\\bte (?:voy a |va a |vamos a )?(?:mato|matar|matare)\\b|\\bte (?:quiero|deberia|deberian) matar\\b|\\bno (?:sales|salis|vas a salir) viva\\b|\\bojala te (?:mueras|murieras|maten)\\b|\\bte (?:voy a|va a) (?:desaparecer|enterrar)\\b`, 0.85, { negatable: false, danger: true }),
  cue('threats', 'hurt', `\\bte (?:voy a |vas a )?(?:pegar|golpear|romper la cara|partir la cara|partir la madre|romper la madre|reventar|madrear|cachetear|ahorcar|dar una paliza|dar una golpiza|dar tu merecido|dar una cachetada|dar una madriza|dar una tunda|cagar a palos|cagar a trompadas)\\b|\\bte (?:parto|rompo|reviento) (?:la cara|la boca|la madre|el hocico|los dientes)\\b`, 0.9, { negatable: true, danger: true }),
  cue('threats', 'assault', `(?<!\\bse )\\bme (?:pego|pegaba|golpeo|golpeaba|empujo|empujaba|ahorco|ahorcaba|estrangulo|abofeteo|cacheteo|pateo|pateaba|mordio|quemo|encerro|encerraba|tiro al suelo|tiro del pelo|jalo del pelo|jalo el pelo|agarro del cuello|apreto el cuello|tiro contra|estampo contra|dio una cachetada|dio un punetazo|dio una patada|dio un golpe|rompio la nariz|amenazo con)\\b|\\bme (?:levanto|levantaba) la mano\\b`, 0.85, { negatable: true, danger: true }),
  cue('threats', 'weapon', `\\b(?:tiene|tengo|saco|saca|sacó|traigo|trae|guarda|agarro|agarró) (?:un |una |el |la )?(?:arma|pistola|revolver|cuchillo|navaja|fierro|escopeta)\\b|\\bcon (?:un |una |el |la )?(?:cuchillo|navaja|pistola|arma) en la mano\\b`, 0.85, { negatable: false, danger: true }),
  cue('threats', 'self-harm-pressure', `\\bsi me (?:dejas|dejás|abandonas|dejaras) (?:me mato|me suicido|me tiro|me corto|me muero|me hago algo|no respondo)\\b|\\bme (?:mato|suicido|tiro (?:de|por|al)|hago algo|corto las venas) si (?:me dejas|te vas|me abandonas|me dejaras|no vuelves)\\b|\\bsi te vas me (?:mato|suicido|hago algo)\\b`, 0.9, { negatable: false, selfHarm: true }),
  cue('threats', 'images', `\\b(?:voy a|va a|vas a ver como|amenazo con|amenaza con) (?:subir|publicar|mandar|difundir|pasar|ensenar|mostrar|filtrar|compartir) (?:tus |las |esas |tu )?(?:fotos|videos|nudes|packs|pack|fotos intimas|conversaciones)\\b|\\b(?:subo|publico|difundo|filtro|paso) (?:tus |las |esas )?(?:fotos|videos|nudes|packs)\\b|\\btodos van a ver (?:tus|las) fotos\\b`, 0.85, { negatable: true }),
  cue('threats', 'kids', `\\bte (?:voy a|va a|vas a) quitar (?:a )?(?:los|mis|tus|el|la|a la|al) ${KIDS_ES}\\b|\\bno (?:vas a|volveras a|vuelves a) ver (?:a )?(?:los|tus|mis) ${KIDS_ES}\\b|\\bme llevo (?:a )?(?:los|las|mis|tus) ${KIDS_ES}\\b|\\bte quito (?:a )?(?:los|mis|tus) ${KIDS_ES}\\b`, 0.85, { negatable: false }),
  cue('threats', 'break-things', `\\b(?:rompio|rompe|rompia|rompi|rompo|rompere|estrello|estrella|tiro|tira|lanzo|pateo|patea) (?:todo|tus cosas|mis cosas|el celular|mi celular|la puerta|los platos|un plato|la tele|el espejo|la pared|una silla)\\b|\\b(?:le |dio un |pego un )?punetazo (?:a|en) la pared\\b|\\bgolpeo la pared\\b`, 0.6),
  cue('threats', 'report', `\\bsi (?:me )?(?:denuncias|cuentas|dices algo|le cuentas a alguien|hablas|abris la boca|abres la boca) (?:te|vas|ya|la|lo)\\b`, 0.75, { negatable: false }),
  cue('threats', 'en-regret', `\\byou(?:'ll| will|'re gonna| are going to) regret (?:this|it|that|leaving)\\b|\\byou don'?t know what i(?:'m| am) capable of\\b|\\bwatch (?:your back|yourself|what happens)\\b|\\byou(?:'ll| will) (?:pay|be sorry)\\b|\\bi(?:'ll| will) make you (?:pay|regret|sorry)\\b|\\bif you tell anyone\\b`, 0.8, { negatable: false }),
  cue('threats', 'en-kill', `\\bi(?:'ll| will|'m going to|'m gonna| am going to| am gonna| gonna) (?:fucking )?(?:kill|murder) you\\b|\\byou(?:'re| are) (?:dead|not getting out alive)\\b|\\bi hope you die\\b`, 0.85, { negatable: false, danger: true }),
  cue('threats', 'en-hurt', `\\bi(?:'ll| will|'m going to|'m gonna| am going to| gonna) (?:hurt|hit|beat|punch|slap|choke|strangle|smack|break your) (?:you|your face|your neck)?\\b`, 0.9, { negatable: true, danger: true }),
  cue('threats', 'en-assault', `\\b(?:he|she|they|my (?:bf|gf|boyfriend|girlfriend|husband|wife|partner|ex)) (?:hit|hits|pushed|pushes|shoved|shoves|choked|chokes|strangled|slapped|slaps|punched|punches|kicked|kicks|grabbed me by|threw me|pinned me|locked me in|beat|beats|hurt) (?:me|my)\\b|\\b(?:put|had) (?:his|her) hands? (?:around|on) my (?:neck|throat)\\b`, 0.85, { negatable: true, danger: true }),
  cue('threats', 'en-weapon', `\\b(?:has|got|pulled|grabbed|keeps) (?:a |his |her )?(?:gun|knife|weapon|pistol)\\b|\\bwith a (?:knife|gun) in (?:his|her) hand\\b`, 0.85, { negatable: false, danger: true }),
  cue('threats', 'en-self-harm-pressure', `\\bif you (?:leave|go|break up with me)(?: me)?,? i(?:'ll| will|'m gonna| am going to) (?:kill myself|end it|hurt myself|do something)\\b|\\bi(?:'ll| will) (?:kill myself|hurt myself|end it all) if you (?:leave|go|break up)\\b`, 0.9, { negatable: false, selfHarm: true }),
  cue('threats', 'en-images', `\\b(?:i(?:'ll| will)|i'm gonna|i am going to|threatened to|threatens to) (?:post|share|send|leak|show) (?:your|those|the|our) (?:nudes|pics|photos|videos|pictures|sex tape)\\b`, 0.85, { negatable: true }),
  cue('threats', 'en-kids', `\\byou(?:'ll| will) never see (?:the|your|our) (?:kids|children|baby|son|daughter) again\\b|\\bi(?:'ll| will) take (?:the|your|our) (?:kids|children|baby)\\b`, 0.85, { negatable: false }),
  cue('threats', 'en-break-things', `\\b(?:punched|smashed|broke|threw|kicked) (?:a hole in )?(?:the |my |a )?(?:wall|door|phone|tv|plate|plates|mirror|chair)\\b`, 0.6),

  // ---------------------------------------------------------------- economic control
  cue('economic_control', 'hand-over', `\\b(?:dame|pasame|entregame|transferime|transfiereme|depositame) (?:tu |el |la |todo el |toda la |todo tu )?${MONEY_ES}\\b|\\bme (?:quita|quito|quitaba|saca|saco|sacaba|retiene|retuvo|administra|controla|maneja|esconde|escondio) (?:el |mi |la |todo el |toda la |todo mi )?${MONEY_ES}\\b|\\b(?:el|mi) (?:sueldo|salario|quincena|aguinaldo) (?:me lo|lo) (?:quita|maneja|administra|guarda|cobra)\\b|\\b(?:todo )?(?:lo que ganas|tu sueldo|tu salario|tu quincena) (?:va|se va|me lo das|me lo pasas) (?:a|para) (?:mi|mí|la)\\b`, 0.8),
  cue('economic_control', 'no-work', `\\bno (?:quiero|me gusta) que trabajes\\b|\\bno (?:vas a|vas) a? ?trabajar\\b|\\b(?:deja|dejes|renuncia a|renuncies a) (?:el|tu|ese) (?:trabajo|curro|laburo|chamba|empleo|jale)\\b|\\bno necesitas (?:trabajar|un trabajo|tu propio dinero|plata propia)\\b|\\bno me dej(?:a|o|aba) (?:trabajar|estudiar|tener (?:mi )?(?:cuenta|tarjeta|dinero))\\b`, 0.8),
  cue('economic_control', 'receipts', `\\b(?:ensename|mandame|manda|pasame|quiero ver|guarda) (?:los |todos los )?(?:tickets|recibos|facturas|comprobantes|movimientos|estados de cuenta)\\b|\\b(?:en que|en qué) (?:gastaste|te gastaste|gastas|se te fue)\\b|\\bcada (?:peso|euro|centavo|duro|sol|dolar|quetzal|colon)\\b|\\b(?:cuanto|cuánto) (?:gastaste|te gastaste|sacaste)\\b|\\bme (?:pide|pidio|exige) (?:cuentas|explicaciones) de (?:cada|todo lo que|lo que) (?:gasto|compro)\\b`, 0.65, { negatable: false }),
  cue('economic_control', 'allowance', `\\bte (?:doy|paso|voy a dar) (?:\\d+ )?(?:pesos |euros |dolares |soles |lucas |mil )?(?:para|a|por) la semana\\b|\\b(?:me|te|le) (?:da|doy|daba) (?:una )?(?:mesada|paga semanal|asignacion)\\b|\\b(?:me|te) (?:da|doy|daba) (?:\\d+|lo justo|lo minimo) (?:para|pa) (?:el super|la comida|comer)\\b`, 0.6),
  cue('economic_control', 'debt', `\\b(?:pidio|pidió|saco|sacó|puso|abrio|abrió|hizo) (?:un |una )?(?:prestamo|credito|tarjeta|deuda|cuenta) a (?:mi|tu) nombre\\b|\\b(?:firme|firmé|firma|firmes) (?:el |un )?(?:prestamo|credito|pagare) (?:a tu nombre|por mi)\\b`, 0.8),
  cue('economic_control', 'who-pays', `\\byo (?:pago|mantengo|traigo el dinero|traigo la plata|pongo la plata)(?: todo| las cuentas| la casa)?,? (?:asi que|entonces|por eso|y por eso|asi que aqui|o sea que) (?:mando|decido|haces|se hace|tu)\\b|\\bcon (?:mi|el) dinero (?:que yo|no) (?:gano|te)\\b|\\bsin mi (?:plata|dinero|tarjeta) no (?:eres|sos|tienes|tenes|vas)\\b`, 0.75, { negatable: false }),
  cue('economic_control', 'en-hand-over', `\\bgive me (?:your |all your |the )?(?:paycheck|salary|card|debit card|credit card|money|wages|tips)\\b|\\b(?:he|she|they) (?:takes?|took|keeps?|kept|controls?|controlled) (?:all )?(?:my|our) (?:paycheck|salary|money|card|wages|bank account)\\b|\\b(?:took|takes) my (?:paycheck|card|money|wages)\\b`, 0.8),
  cue('economic_control', 'en-no-work', `\\byou don'?t need (?:a job|to work|your own money)\\b|\\bquit your job\\b|\\b(?:won'?t|will not|doesn'?t|does not|didn'?t|wouldn'?t) let (?:you|me) (?:work|get a job|have (?:my|your) own (?:money|account|card))\\b|\\bnot letting (?:you|me) work\\b`, 0.75),
  cue('economic_control', 'en-receipts', `\\b(?:show|send) me (?:the |all the |your )?(?:receipts|statements|bank statements)\\b|\\bevery (?:penny|cent|dollar|single purchase)\\b|\\bwhat did you spend\\b|\\bexplain (?:every|this) (?:purchase|charge)\\b`, 0.65, { negatable: false }),
  cue('economic_control', 'en-allowance', `\\b(?:an |my |your |weekly )allowance\\b|\\bi(?:'ll| will) give you \\$?\\d+ (?:a|per) week\\b`, 0.55),
  cue('economic_control', 'en-debt', `\\b(?:loan|credit card|debt|account) in (?:my|your|her) name\\b|\\bran up (?:debt|my card)\\b`, 0.75),
  cue('economic_control', 'en-who-pays', `\\bi pay (?:for everything|the bills|the rent)(?: here)?,? so (?:i|you)\\b|\\bmy money,? my rules\\b|\\bi(?:'m| am) the one who pays\\b`, 0.75, { negatable: false }),

  // ---------------------------------------------------------------- sexual coercion
  cue('sexual_coercion', 'if-you-loved', `\\bsi (?:de verdad |realmente )?me (?:quisieras|amaras|quieres|amas|quisieras de verdad) (?:lo )?(?:harias|harías|lo hacemos|te acostarias|me lo darias|me mandarias|me la mandarias|me das|me lo das|me mandas|me pasas|no me dirias que no|te dejarias)\\b|\\bdemuestrame que me (?:quieres|amas) (?:y |con )?(?:hazlo|acostandote|mandame|dandome)\\b`, 0.85, { negatable: false }),
  cue('sexual_coercion', 'nudes', `\\b(?:mandame|pasame|manda|envia|enviame|quiero|dame) (?:un |unas |tu |el )?(?:pack|packs|nudes|nude|fotos? (?:sin ropa|desnuda|en ropa interior|hot|intimas|en tanga|en calzones|de tus)|video hot|foto hot)\\b`, 0.5),
  cue('sexual_coercion', 'prude', `\\bno (?:seas|te hagas la|te pongas) (?:mojigata|santa|frigida|aburrida|estrecha|dificil|rogar|monja|cartucha|remilgada|puritana)\\b|\\b(?:eres|sos) (?:una )?(?:frigida|mojigata|estrecha|calientahuevos|calienta pollas|calientabraguetas)\\b|\\bno me dejes (?:asi|con las ganas)\\b`, 0.8, { negatable: false }),
  cue('sexual_coercion', 'duty', `\\b(?:es tu|como mi (?:novia|mujer|esposa) es tu) (?:obligacion|deber)\\b|\\bme lo debes\\b|\\b(?:para eso|pa eso) (?:eres|sos|estas) mi (?:novia|mujer|esposa)\\b|\\bun hombre tiene (?:sus )?necesidades\\b|\\btengo (?:mis )?necesidades\\b`, 0.8, { negatable: false }),
  cue('sexual_coercion', 'after-no', `\\b(?:aunque|ya se que|aun(?:que)? si) (?:no quieras|dijiste que no|te dije que no|le dije que no|no quiera|no tengas ganas)\\b|\\b(?:le dije|dije|te dije) que no (?:y|pero) (?:siguio|insistio|lo hizo|igual|me obligo)\\b|\\bno (?:acepta|aceptaba|respeta|respetaba|entiende) (?:un |mi )?no\\b|\\bel no (?:es|significa) (?:un )?(?:tal vez|si)\\b`, 0.8, { negatable: false }),
  cue('sexual_coercion', 'forced', `\\bme (?:obligo|obliga|obligaba|forzo|forzaba|fuerza|presiona|presionaba|presiono|insistio|insiste|insistia|chantajea|chantajeo) (?:a |para |con )?(?:hacerlo|tener sexo|acostarme|tener relaciones|coger|follar|hacer cosas|mandarle fotos|mandarle|el sexo|lo sexual)\\b|\\b(?:abuso|abusaba|abusa) de mi\\b|\\bme (?:violo|violaba|viola)\\b|\\bme toco (?:sin|aunque)\\b`, 0.9, { negatable: false }),
  cue('sexual_coercion', 'condom', `\\bse (?:quito|saco|quitaba|sacaba) el condon\\b|\\bsin condon (?:aunque|a la fuerza|sin preguntar)\\b|\\bno quiere usar condon (?:y|aunque)\\b`, 0.8, { negatable: false }),
  cue('sexual_coercion', 'others-do', `\\b(?:otras|otra|todas|las demas|mis ex) (?:si|sí) (?:lo hacen|lo harian|me lo dan|me dan|me mandan|querian|quieren|lo hacian)\\b|\\b(?:todas|todo el mundo) lo hacen\\b|\\bsi no (?:me lo das|lo hacemos|me das|te acuestas) (?:tu|vos|conmigo)?,? ?(?:me lo|lo|me) (?:busco|buscare|consigo) (?:en otra|afuera|con otra)\\b`, 0.75, { negatable: false }),
  cue('sexual_coercion', 'asleep-drunk', `\\b(?:mientras|cuando) (?:dormia|dormía|estaba dormida|estaba borracha|estaba inconsciente|estaba ebria|no podia ni moverme)\\b`, 0.6, { negatable: false }),
  cue('sexual_coercion', 'en-if-you-loved', `\\bif you (?:really |actually |truly )?(?:loved|cared about|love) me,? you(?:'d| would)\\b|\\bprove (?:that )?you love me\\b`, 0.85, { negatable: false }),
  cue('sexual_coercion', 'en-nudes', `\\bsend (?:me )?(?:nudes|a nude|some nudes|pics of your body|a pic without|something sexy|something hot)\\b`, 0.5),
  cue('sexual_coercion', 'en-prude', `\\bdon'?t be (?:such a |so )?(?:prude|tease|frigid|boring|vanilla|cocktease)\\b|\\byou(?:'re| are) (?:such a |so )?(?:prude|tease|frigid)\\b|\\bdon'?t leave me (?:hanging|like this)\\b`, 0.75, { negatable: false }),
  cue('sexual_coercion', 'en-duty', `\\byou owe me\\b|\\b(?:it'?s|its) your (?:duty|job) as my\\b|\\bthat'?s what (?:a )?(?:girlfriend|wife|partner)s? (?:are for|do)\\b|\\bi have needs\\b`, 0.7, { negatable: false }),
  cue('sexual_coercion', 'en-after-no', `\\b(?:even though|after|when) i (?:said|told (?:him|her|them)) no\\b|\\bi said no (?:but|and) (?:he|she|they) (?:kept|didn'?t|still|did it)\\b|\\b(?:won'?t|doesn'?t|didn'?t) take no for an answer\\b|\\bno means (?:maybe|yes)\\b`, 0.8, { negatable: false }),
  cue('sexual_coercion', 'en-forced', `\\b(?:he|she|they) (?:forced|pressured|pressures|guilted|guilt-tripped|made|pushes|pushed|coerced) me (?:to |into )?(?:have sex|sleep with|do it|sex|doing it|send|sending|having sex|things)\\b|\\b(?:raped|assaulted|molested) me\\b`, 0.9, { negatable: false }),
  cue('sexual_coercion', 'en-condom', `\\b(?:took|pulled|slipped) (?:the|his) condom off\\b|\\bwon'?t (?:wear|use) a condom (?:even|and)\\b`, 0.8, { negatable: false }),
  cue('sexual_coercion', 'en-others-do', `\\b(?:other|every|all (?:other|the)) (?:girls|guys|women|men|girlfriends) (?:do|would do|send|don'?t make) (?:it|this|them|a big deal)\\b|\\beveryone (?:else )?does it\\b|\\bi(?:'ll| will) (?:get|find) it (?:somewhere else|from someone else)\\b`, 0.75, { negatable: false }),
  cue('sexual_coercion', 'en-asleep-drunk', `\\b(?:while|when) i was (?:asleep|sleeping|drunk|passed out|unconscious|too drunk)\\b`, 0.6, { negatable: false }),

  // ---------------------------------------------------------------- reported behaviour ("he/she does X to me")
  // People often describe rather than quote: "no me deja…", "me hace…", "me llamó…", "he won't let me…".
  cue('control', 'told-no-let', `\\bno me (?:deja|dejaba|dejo|quiere dejar) (?:salir|ir|ponerme|vestirme|usar|maquillarme|pintarme|conducir|manejar|estudiar|ver a|tener amig|elegir|decidir|cortarme|trabajar|hacer nada)\\b|\\b(?:tengo|tenia) que pedirle permiso\\b|\\bme (?:hace|obliga a|hizo|obligo a) (?:cambiarme|pedirle permiso|quitarme|vestirme|llamarle|avisarle|volver)\\b|\\b(?:decide|elige|escoge|controla|me dice) (?:que|lo que|hasta lo que|mi|mis|que ropa|a que hora|cuando) (?:ropa|me pongo|como|visto|hago|puedo|tengo que|carrera|subir|salgo)\\b|\\b(?:me elige|me eligio|me escoge|me escogio|me decide) (?:la ropa|la carrera|los amigos|que)\\b`, 0.7, { negatable: false }),
  cue('control', 'en-told-no-let', `\\b(?:won'?t|doesn'?t|does not|didn'?t|never) let me (?:go|wear|see|drive|leave|study|have friends|decide|choose|cut|dye|post|out)\\b|\\bi have to ask (?:him|her|them) (?:for )?permission\\b|\\b(?:makes|made|forces|forced) me (?:ask|text|call|change|check in|come home|delete)\\b|\\b(?:picks|chooses|decides|controls|chose|picked) (?:my|what i) (?:outfits?|clothes|wear|eat|major|hair|friends|post)\\b|\\btells me what to (?:wear|post|eat|do|say)\\b`, 0.7, { negatable: false }),
  cue('jealousy', 'accuses', `\\bme (?:acusa|acuso|acusaba) de (?:ponerle los cuernos|enganarl[oa]|coquetear|andar con|tener (?:otro|otra|un amante)|serle infiel|mirar|gustarme)\\b|\\bse (?:pone|pusó|puso|ponia) (?:muy )?(?:celos[oa]|loc[oa]) (?:de|hasta de|si|cuando|con|porque)\\b|\\b(?:dice|piensa|cree) que (?:le estoy|estoy|le ando) (?:coqueteando|poniendo los cuernos|enganando|viendo con)\\b|\\b(?:me hizo|me obligo a|me pidio) dejar de seguir\\b|\\bamigos hombres\\b|\\bes que (?:tienes|tenes) (?:a )?otro\\b`, 0.65, { negatable: false }),
  cue('jealousy', 'en-accuses', `\\baccuses? me of (?:cheating|flirting|sleeping|looking|liking)\\b|\\bgets? (?:so |really )?jealous (?:of|when|if|every|over)\\b|\\b(?:made|makes) me unfollow\\b|\\bthere'?s someone else\\b|\\b(?:thinks|says) i(?:'m| am) (?:cheating|flirting)\\b`, 0.65, { negatable: false }),
  cue('isolation', 'made-me-drop', `\\b(?:me hizo|me obligo a|me pidio que|consiguio que|logro que) (?:dejar|dejara|cerrar|cerrara|borrar|borrara|salir|saliera|alejarme|me alejara)(?: de)? (?:ver|hablar|mis|mi|el|la|los|las|a mis|a mi|de)\\b|\\bya (?:casi )?no (?:veo|salgo con|hablo con|quedo con|tengo) (?:a )?(?:nadie|mis amig|mi familia|amigas|amigos)\\b|\\b(?:no le gustan|odia|detesta) mis (?:amigas|amigos|amistades)\\b|\\b(?:se enfada|se enoja|me monta un (?:drama|pollo|escandalo)|se pone (?:furioso|como loco|de malas)|me hace un drama) (?:si|cuando|cada vez que) (?:veo|salgo con|quedo con|hablo con|voy a|visito) (?:a )?(?:mis|mi)\\b|\\blejos de mi familia\\b`, 0.6, { negatable: false }),
  cue('isolation', 'en-made-me-drop', `\\b(?:made|got|convinced|forced) me (?:to )?(?:stop|quit) (?:seeing|going|talking|visiting|hanging)\\b|\\bi (?:don'?t|never|barely) see (?:anyone|anybody|my friends|my family) anymore\\b|\\b(?:gets (?:mad|angry)|starts a fight|freaks out|sulks) (?:every time|when(?:ever)?|if) i (?:see|hang out|go out|visit|plan|make plans)\\b|\\baway from my family\\b|\\bdoesn'?t like (?:my|any of my) friends\\b`, 0.6, { negatable: false }),
  cue('surveillance', 'demands-proof', `\\bme (?:pide|pidio|exige|exigia|hace mandarle|obliga a mandarle) (?:captura|capturas|la ubicacion|mi ubicacion|foto|fotos|pruebas|el codigo|mi contrasena|las claves|mis claves|el celular|el movil|el telefono)\\b|\\b(?:sabe|sabia) siempre donde estoy\\b|\\b(?:tiene|sabe) (?:todas )?(?:mis|las) (?:claves|contrasenas)\\b|\\bvideollamada (?:para que le|y le tengo que) (?:ensene|muestre|mostrar|ensenar)\\b|\\bme (?:llama|llamaba|escribe) (?:cada (?:rato|hora|cinco minutos)|todo el rato|sin parar|constantemente) (?:para saber|a ver|preguntando)\\b`, 0.7, { negatable: false }),
  cue('surveillance', 'en-demands-proof', `\\b(?:asks?|asked|demands?|makes me send) (?:me )?(?:for )?(?:screenshots|my location|proof|my password|my passcode|a pic|pics) (?:of|every|whenever|when|before|to)?\\b|\\b(?:always )?knows where i am\\b|\\b(?:has|knows) (?:all )?my passwords\\b|\\bscreen ?time\\b|\\bfacetimes me (?:every|whenever|when)\\b`, 0.65, { negatable: false }),
  cue('gaslighting', 'told-crazy', `\\b(?:dice|dijo|me dice|me dijo|les dijo|les dice|le dijo) (?:a \\w+ )?que (?:yo )?(?:estoy|soy|era|estaba|me) (?:loca|loco|exagerad[oa]|inventando|imaginando|lo (?:habia )?imagin|perdiendo la cabeza|inestable|paranoica|enferma|mal de la cabeza|demasiado sensible|muy intensa)\\w*\\b|\\b(?:no puedo|no me puedo) fiar de (?:lo que|mi memoria|mis recuerdos|mi cabeza)\\b|\\b(?:dudar|dudo|dude) de (?:mi memoria|todo|mi misma|mi mismo|mis recuerdos|lo que)\\b|\\bnada de eso (?:habia pasado|paso)\\b|\\b(?:dice|dijo) que (?:yo )?(?:provoco|provoque|tengo la culpa|tuve la culpa|lo provoque)\\b|\\btu paranoia\\b`, 0.7, { negatable: false }),
  cue('gaslighting', 'en-told-crazy', `\\b(?:says|said|tells me|told me|told (?:my|everyone|people|them)\\w*) (?:that )?i(?:'m| am|m| was)? (?:crazy|insane|losing my mind|unstable|imagining|making (?:it|things) up|overreacting|too sensitive|paranoid|delusional|the problem)\\b|\\bdoubt (?:my own|myself|everything|my memory)\\b|\\bcan'?t trust my own (?:feelings|memory|mind)\\b|\\bbarely touched you\\b|\\bthat'?s not what happened\\b|\\byou(?:'re| are) the one with the problem\\b`, 0.7, { negatable: false }),
  cue('insults', 'called-me', `\\bme (?:llamo|llama|llamaba|dijo|dice|decia|trata de|trato de|grito) (?:que soy )?(?:una |un |la |el )?"?${INSULT_ES}\\b|\\bme dice que soy (?:una |un |muy )?(?:fea|gorda|tonta|inutil|estupida|idiota|una mierda|lo peor|mala madre|un desastre)\\b|\\b(?:se burla|se rie|se burlaba) de (?:mi|mis)\\b|\\bno (?:soy|eres|es) un hombre de verdad\\b|\\bque asco de\\b|\\b(?:tengo|tienes) suerte de que (?:el|ella|yo) (?:este|siga)\\b`, 0.7, { negatable: false }),
  cue('insults', 'en-called-me', `\\b(?:called|calls|call|calling) me (?:a |an |the )?"?(?:${INSULT_EN}|fat one|crazy bitch|names)\\b|\\b(?:mocks|mocked|makes fun of|laughs at) (?:me|my)\\b|\\bnot a real man\\b|\\blucky (?:she|he|they|i) (?:puts|put) up with\\b|\\bsay something idiotic\\b`, 0.7, { negatable: false }),
  cue('threats', 'threatened', `\\b(?:me amenazo|me amenaza|me amenazaba|amenazo con|amenaza con|amenazaba con)\\b|\\bno respondo\\b|\\b(?:rompe|rompio|rompia) (?:cosas|mis cosas|mis libros|todo)\\b|\\bme (?:persiguio|persigue|sigue con el coche)\\b|\\bpara asustarme\\b|\\b(?:me dejo|me dejó) tirada\\b|\\ba aporrear la puerta\\b|\\bque (?:me|te) va a pasar algo\\b|\\bvas a ver lo que te pasa\\b`, 0.7, { negatable: false }),
  cue('threats', 'en-threatened', `\\bthreaten(?:ed|s|ing)? (?:to|me|that)\\b|\\bsee what happens\\b|\\b(?:burn|destroy|smash|trash) my (?:stuff|things|clothes)\\b|\\b(?:broke|smashed) my (?:laptop|phone|stuff|things)\\b|\\bto scare me\\b|\\bleft me on the side of\\b|\\bbanging on (?:the|my) door\\b|\\bsomething will happen to (?:me|you)\\b|\\bnext time (?:she|he|i) won'?t miss\\b|\\bjust wait (?:till|until) i get home\\b`, 0.7, { negatable: false }),
  cue('economic_control', 'reported', `\\bme (?:da|daba|deja) (?:el dinero|la plata|solo|solamente) ?(?:justo|lo justo|para)\\b|\\b(?:no me deja|no puedo) (?:tener|sacar|usar|abrir) (?:tarjeta|dinero|mi cuenta|mi propia|plata|cuenta)\\b|\\b(?:vende|vendio) mis cosas\\b|\\bno necesitas (?:tu )?(?:propia )?cuenta\\b|\\bme (?:hace|obliga a) pedirle (?:permiso|dinero|la plata|plata) para\\b|\\bcon mi dinero no\\b|\\bme pedis la plata\\b|\\ba su nombre\\b|\\bextracto del banco\\b|\\bmantenida\\b`, 0.65, { negatable: false }),
  cue('economic_control', 'en-reported', `\\bmakes me ask (?:him|her|them) for money\\b|\\b(?:controls|control|took over) (?:the|our|my) (?:account|money|finances|bank)\\b|\\bnot with my money\\b|\\b(?:goes|went) through (?:the|my) bank statements?\\b|\\bdon'?t need your own (?:bank )?account\\b|\\bvenmo (?:her|him) my\\b|\\bin (?:his|her) name\\b`, 0.65, { negatable: false }),
  cue('sexual_coercion', 'reported', `\\binsist(?:e|ia|io)? (?:e insiste )?(?:hasta que|en hacer) (?:cedo|acepto|digo que si|cedi|acepte|cosas)\\b|\\b(?:cuando|si) (?:le )?digo que no (?:se enfada|se enoja|no me habla|se pone|me castiga|me ignora)\\b|\\bcosas que no quiero\\b|\\b(?:tus|sus) ex (?:si|sí) lo hacian\\b|\\bpaso lo que (?:yo )?no queria\\b|\\bme emborracho para\\b|\\bsi no me acuesto con (?:el|ella)\\b`, 0.7, { negatable: false }),
  cue('sexual_coercion', 'en-reported', `\\b(?:when|if) i say no (?:he|she|they) (?:sulks|ignores|gets mad|gets angry|punishes|pouts)\\b|\\b(?:until|till) i (?:give in|say yes|cave)\\b|\\bafter i told (?:him|her|them) i(?:'m| am) not comfortable\\b|\\ball (?:girls|guys) send them\\b|\\bthings happened i didn'?t want\\b|\\bguilt-?trips? me into\\b|\\byour exes did it\\b|\\bif i won'?t sleep with (?:him|her)\\b`, 0.75, { negatable: false }),
];

const NEGATORS = new Set(['no', 'nunca', 'jamas', 'ni', 'never', 'not', "don't", 'dont', "won't", 'wont', "wouldn't", 'wouldnt', "didn't", 'didnt', "doesn't", 'doesnt', 'tampoco']);
const QUESTION_DEMAND = /\b(?:por que|porque|why|how come)\s+(?:\S+\s+){0,2}$/;
const JOKE = /(?:\b(?:ja){2,}\w*|\b(?:je){2,}\w*|\b(?:ji){2,}\w*|\bjsjs\w*|\bxd+\b|\blol\b|\blmao\b|\blmfao\b|\bjk\b|\bkidding\b|\bbromeo\b|\bes broma\b|\bde broma\b|\bhaha\w*|😂|🤣|😜|😝|😆)/u;
const RESPECT = /\b(?:si (?:tu )?(?:quieres|queres|te parece|te apetece|te late|te sirve|te va|puedes|podes)|cuando (?:puedas|quieras)|no pasa nada|(?:tu|vos) decides|(?:tu|vos) decidis|como (?:tu )?(?:quieras|prefieras)|no (?:tienes|tenes) que|sin presion|ninguna presion|respeto (?:tu|que|lo)|if you (?:want|like|feel like|re comfortable|are comfortable)|no pressure|(?:totally|completely|its|it's) (?:fine|ok|okay) if|up to you|your call|whenever you can|no worries|only if you)\b/;

/**
 * Lower case, accents stripped, 3+ repeated letters collapsed to one ("nooooo" → "no"), curly quotes straightened,
 * and a few texting abbreviations expanded (q/k → que, xq/pq → porque, u → you, ur → your …).
 */
export function normalizeForCues(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[’‘`´]/g, "'")
      .replace(/(\p{L})\1{2,}/gu, '$1')
      .replace(/[¿¡]/g, ' ')
      .replace(/\b(?:xq|pq|porq|xk|pk)\b/g, 'porque')
      .replace(/\b(?:q|k|ke|qe)\b/g, 'que')
      .replace(/\b(?:tb|tmb|tmbn)\b/g, 'tambien')
      .replace(/\b(?:x)\b/g, 'por')
      .replace(/\b(?:dnd)\b/g, 'donde')
      .replace(/\b(?:toy)\b/g, 'estoy')
      .replace(/\b(?:tas)\b/g, 'estas')
      .replace(/\b(?:pa)\b(?= (?:que|ver|saber|eso|la|el|mi|tu))/g, 'para')
      .replace(/\b(?:celu|cel)\b/g, 'celular')
      .replace(/\b(?:u)\b/g, 'you')
      .replace(/\b(?:ur)\b/g, 'your')
      .replace(/\b(?:r)\b/g, 'are')
      .replace(/\b(?:im)\b/g, "i'm")
      .replace(/\b(?:ull)\b/g, "you'll")
      .replace(/\b(?:youre)\b/g, "you're")
      .replace(/\b(?:ya)\b(?= (?:need|have|are|better))/g, 'you')
      .replace(/\b(?:pls|plz)\b/g, 'please')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

const JOKE_FACTOR = 0.35;
const RESPECT_FACTOR = 0.5;
const JOKE_CATEGORIES: ReadonlySet<Category> = new Set(['threats', 'insults', 'gaslighting']);
const RESPECT_CATEGORIES: ReadonlySet<Category> = new Set(['control', 'surveillance', 'economic_control', 'sexual_coercion']);

/** The cues of a text, with the guards applied. */
export function cueScores(text: string): CueResult {
  const normalized = normalizeForCues(text);
  const joking = JOKE.test(normalized) || JOKE.test(text);
  const respectful = RESPECT.test(normalized);
  const hits: CueHit[] = [];
  let danger = false;
  let selfHarm = false;
  for (const item of CUES) {
    item.pattern.lastIndex = 0;
    let hit = false;
    for (const match of normalized.matchAll(item.pattern)) {
      if (item.negatable !== false && negated(normalized, match.index ?? 0)) continue;
      hit = true;
      break;
    }
    if (!hit) continue;
    let weight = item.weight;
    if (joking && JOKE_CATEGORIES.has(item.category)) weight *= JOKE_FACTOR;
    if (respectful && RESPECT_CATEGORIES.has(item.category)) weight *= RESPECT_FACTOR;
    if (item.danger === true && !joking) danger = true;
    if (item.selfHarm === true) selfHarm = true;
    hits.push({ id: item.id, category: item.category, weight });
  }
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  const keep = Object.fromEntries(CATEGORIES.map((c) => [c, 1])) as Record<Category, number>;
  for (const hit of hits) keep[hit.category] *= 1 - hit.weight;
  for (const category of CATEGORIES) scores[category] = round(1 - keep[category]);
  return { scores, hits, danger, selfHarm, joking, respectful };
}

/** A negator in the two words before `index`, unless the words before it make a demand ("por qué no me pasas…"). */
function negated(normalized: string, index: number): boolean {
  const before = normalized.slice(Math.max(0, index - 60), index);
  const words = before.split(/[^\p{L}\p{N}']+/u).filter(Boolean);
  const last = words.slice(-2);
  const position = last.findIndex((w) => NEGATORS.has(w));
  if (position < 0) return false;
  const upToNegator = words.slice(0, words.length - last.length + position).join(' ') + ' ';
  return !QUESTION_DEMAND.test(upToNegator);
}

const round = (x: number) => Math.round(x * 1_000) / 1_000;
