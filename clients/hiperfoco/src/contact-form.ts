/**
 * @module contact-form
 * The contact form: checks the fields in the browser (same limits as the engine), posts JSON to /api/contact and
 * says what happened in the form's status line; a field the engine refuses (BAD_ARGS names it) is marked invalid
 * and focused.
 */
import { createSignal, type Accessor } from 'solid-js';
import type { Lang } from './content.ts';

export type FormStatus =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'sent' }
  | { kind: 'error'; code: string; field?: string; detail?: string };

const FIELDS = ['name', 'email', 'organisation', 'message'] as const;
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]{2,}$/;

/** The first field the browser can already tell is wrong, with the engine's wording of the problem. */
function localProblem(values: Record<string, string>): { field: string; detail: string } | undefined {
  if (!values.name!.trim()) return { field: 'name', detail: 'name: required' };
  if (!EMAIL.test(values.email!.trim())) return { field: 'email', detail: 'email: not an e-mail address' };
  if (values.message!.trim().length < 10) return { field: 'message', detail: 'message: at least 10 characters' };
  return undefined;
}

export function bindContactForm(form: HTMLFormElement, lang: Accessor<Lang>): Accessor<FormStatus> {
  const [status, setStatus] = createSignal<FormStatus>({ kind: 'idle' });
  const input = (name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement;

  const markInvalid = (field: string | undefined) => {
    for (const name of FIELDS) input(name).removeAttribute('aria-invalid');
    if (!field || !(FIELDS as readonly string[]).includes(field)) return;
    input(field).setAttribute('aria-invalid', 'true');
    input(field).focus();
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (status().kind === 'sending') return;
    const values = Object.fromEntries(FIELDS.map((name) => [name, input(name).value])) as Record<string, string>;
    const problem = localProblem(values);
    if (problem) {
      markInvalid(problem.field);
      setStatus({ kind: 'error', code: 'BAD_ARGS', ...problem });
      return;
    }
    markInvalid(undefined);
    setStatus({ kind: 'sending' });
    const body = { ...values, organisation: values.organisation!.trim() || undefined, locale: lang() };
    fetch('/api/contact', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then(async (res) => {
        if (res.status === 201) {
          form.reset();
          setStatus({ kind: 'sent' });
          return;
        }
        const error = ((await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } }).error ?? {};
        const field = error.message?.split(':')[0];
        markInvalid(error.code === 'BAD_ARGS' ? field : undefined);
        setStatus({ kind: 'error', code: error.code ?? 'OTHER', field, detail: error.message });
      })
      .catch(() => setStatus({ kind: 'error', code: 'NETWORK' }));
  });
  return status;
}
