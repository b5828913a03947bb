/**
 * @module safety/starting-directory
 * The vetted STARTING helpline directory, inserted by the safety migration into `safety_helplines` with
 * `updatedBy: "seed"`. From then on admins maintain it through `/api/admin/helplines` (audited); editing this file
 * changes only databases created afterwards.
 *
 * How it was checked: a desk check on 2026-11-22 against official pages and press coverage of the public services
 * (the plugin's earlier `plugins/safety/helplines.json`, the spoiler detector's `resources.json`) — NOT a test call.
 * `verifiedAt` records that desk check. Lines with a known doubt say so in `note` ("Por verificar …"); an admin must
 * call or otherwise confirm every number before production and re-verify at least every six months.
 */
import type { HelplineCountry } from './directory.ts';

export type SeedCountry = Omit<HelplineCountry, 'updatedBy' | 'updatedAt'>;

const CHECKED = '2026-11-22';

export const STARTING_DIRECTORY: readonly SeedCountry[] = [
  {
    country: 'ES',
    name: { es: 'España', en: 'Spain' },
    emergency: '112',
    verifiedAt: CHECKED,
    lines: [
      { name: 'Línea 024 de atención a la conducta suicida', phone: '024', url: 'https://www.sanidad.gob.es/linea024/', hours: '24 h, gratuita y confidencial', kind: 'crisis' },
      { name: 'Teléfono de la Esperanza', phone: '717 003 717', url: 'https://telefonodelaesperanza.org', hours: '24 h', kind: 'emotional' },
      { name: 'Fundación ANAR (niños, niñas y adolescentes)', phone: '900 20 20 10', url: 'https://www.anar.org', hours: '24 h, gratuita', kind: 'children' },
      { name: '016 Atención a víctimas de violencia contra las mujeres', phone: '016', url: 'https://violenciagenero.igualdad.gob.es/', hours: '24 h, gratuita', kind: 'gender_violence', note: 'No aparece en la factura, pero sí en el registro de llamadas del móvil. WhatsApp 600 000 016.' },
    ],
  },
  {
    country: 'MX',
    name: { es: 'México', en: 'Mexico' },
    emergency: '911',
    verifiedAt: CHECKED,
    lines: [
      { name: 'Línea de la Vida', phone: '800 911 2000', url: 'https://www.gob.mx/salud', hours: '24 h, gratuita', kind: 'crisis' },
      { name: 'Línea de Seguridad y Chat de Confianza (Consejo Ciudadano)', phone: '55 5533 5533', hours: '24 h', kind: 'emotional', note: 'Por verificar: servicio de la Ciudad de México con cobertura nacional según su web.' },
      { name: 'Línea Mujeres (Ciudad de México)', phone: '55 5658 1111', hours: '24 h', kind: 'gender_violence', note: 'Por verificar: Ciudad de México; no hay una línea nacional de violencia de género verificada aquí (911 atiende emergencias).' },
    ],
  },
  {
    country: 'AR',
    name: { es: 'Argentina', en: 'Argentina' },
    emergency: '911',
    verifiedAt: CHECKED,
    lines: [
      { name: 'Centro de Asistencia al Suicida (CAS), desde CABA y Gran Buenos Aires', phone: '135', url: 'https://www.asistenciaalsuicida.org.ar', hours: 'Gratuita; consultar horario', kind: 'crisis', note: 'Voluntariado: la cobertura horaria ha variado. Algunas provincias tienen su propia línea 135.' },
      { name: 'Centro de Asistencia al Suicida (CAS), desde todo el país', phone: '(011) 5275-1135', url: 'https://www.asistenciaalsuicida.org.ar', hours: 'Consultar horario', kind: 'crisis' },
      { name: 'Línea 144: violencia de género', phone: '144', hours: '24 h, gratuita', kind: 'gender_violence' },
    ],
  },
  {
    country: 'CO',
    name: { es: 'Colombia', en: 'Colombia' },
    emergency: '123',
    verifiedAt: CHECKED,
    lines: [
      { name: 'Línea 192, opción 4: salud mental (Ministerio de Salud)', phone: '192', hours: 'Marcar 192 y elegir la opción 4', kind: 'crisis', note: 'Por verificar el horario de atención.' },
      { name: 'Línea 106 «El poder de ser escuchado» (Bogotá)', phone: '106', url: 'https://www.saludcapital.gov.co', hours: '24 h, gratuita; WhatsApp 300 754 8933', kind: 'crisis', note: 'Línea de Bogotá; otros departamentos tienen su propia línea 106.' },
      { name: 'Línea 155: orientación a mujeres víctimas de violencia', phone: '155', hours: '24 h, gratuita, nacional', kind: 'gender_violence' },
    ],
  },
  {
    country: 'CL',
    name: { es: 'Chile', en: 'Chile' },
    emergency: '131 / 133',
    verifiedAt: CHECKED,
    lines: [
      { name: 'Línea de Prevención del Suicidio *4141 (MINSAL)', phone: '*4141', url: 'https://www.minsal.cl', hours: '24 h, gratuita desde celulares', kind: 'crisis' },
      { name: 'Salud Responde', phone: '600 360 7777', hours: '24 h', kind: 'emotional' },
      { name: 'Fono 1455: orientación en violencia contra la mujer', phone: '1455', url: 'https://minmujeryeg.gob.cl', hours: 'Gratuito; horario por confirmar', kind: 'gender_violence', note: 'El Ministerio indica lunes a viernes 08:00–00:00; otras fuentes, 24 h.' },
    ],
  },
  {
    country: 'US',
    name: { es: 'Estados Unidos', en: 'United States' },
    emergency: '911',
    verifiedAt: CHECKED,
    lines: [
      { name: '988 Suicide & Crisis Lifeline (llamada o SMS; opción en español)', phone: '988', url: 'https://988lifeline.org', hours: '24/7', kind: 'crisis' },
      { name: 'Crisis Text Line (envía HOME por SMS)', phone: '741741', url: 'https://www.crisistextline.org', hours: '24/7', kind: 'emotional' },
      { name: 'National Domestic Violence Hotline', phone: '1-800-799-7233', url: 'https://www.thehotline.org', hours: '24/7; SMS START al 88788', kind: 'gender_violence' },
    ],
  },
  {
    country: '_default',
    name: { es: 'Otro país', en: 'Other country' },
    emergency: '112 / 911',
    verifiedAt: CHECKED,
    lines: [
      { name: 'Find A Helpline: directorio internacional de líneas de ayuda', url: 'https://findahelpline.com', hours: 'Directorio en línea', kind: 'crisis' },
    ],
  },
];
