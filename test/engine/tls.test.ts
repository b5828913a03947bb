import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../support/engine.ts';

let t: TestEngine;
let dir: string;
let cert: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'mentalia-tls-'));
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile,
    '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  cert = readFileSync(certFile);
  t = await startTestEngine({ tlsCertFile: certFile, tlsKeyFile: keyFile });
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

function httpsJson(url: string, method: string, body?: unknown): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, ca: cert, headers: { 'content-type': 'application/json' } }, (res) => {
      let data = '';
      res.on('data', (chunk) => (data += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(data) }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

describe('TLS', () => {
  it('serves https:// and wss:// with the configured certificate', async () => {
    expect(t.httpUrl.startsWith('https://')).toBe(true);
    expect(await httpsJson(`${t.httpUrl}/healthz`, 'GET')).toEqual({ status: 200, body: { status: 'ok' } });
    const reg = await httpsJson(`${t.httpUrl}/api/auth/register`, 'POST', { email: 'tls@example.org', password: 'contraseña segura', name: 'Tila' });
    expect(reg.status).toBe(201);

    const ws = new WebSocket(t.wsUrl, ['mentalia.v1.json'], { ca: cert });
    await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
    const reply = new Promise<any>((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()))));
    ws.send(JSON.stringify({ id: 1, type: 'auth', token: reg.body.token }));
    expect(await reply).toMatchObject({ id: 1, ok: true, user: { name: 'Tila' } });
    ws.close();
  });

  it('refuses plaintext HTTP on the TLS port', async () => {
    await expect(fetch(t.httpUrl.replace('https://', 'http://') + '/healthz')).rejects.toThrow();
  });
});
