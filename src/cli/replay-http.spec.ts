import { SenderStopped, delayBefore, endpointOf, httpSender } from './replay-http';

const KEY = 'replay-key-0123456789abcdef';
const ok = { error_code: 0, message: 'Thành công', result: { received: 1, created: 1 } };

type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | Error;

/** A service that answers from a script, one reply a request, and remembers what it was sent. */
function scripted(replies: Reply[]) {
  const requests: { url: string; init: RequestInit }[] = [];
  const slept: number[] = [];
  const fetch = (async (url: URL, init: RequestInit) => {
    requests.push({ url: String(url), init });
    const reply = replies.shift()!;
    if (reply instanceof Error) throw reply;
    const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
    return new Response(body, { status: reply.status, headers: reply.headers });
  }) as unknown as typeof globalThis.fetch;
  const sut = httpSender({ base: new URL('https://mot-cua.example.vn/tthc/'), key: KEY, fetch, sleep: async (ms) => void slept.push(ms) });
  return { sut, requests, slept };
}

const refused = () => Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
const stoppedBy = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as Error);

describe('httpSender', () => {
  it('posts the envelope to <base>/api/v1/dvcqg with the key as a bearer, and answers the service\'s answer', async () => {
    const { sut, requests } = scripted([{ status: 200, body: ok }]);
    expect(await sut({ service: 'DongBoHoSoMC', data: [] })).toEqual(ok);
    expect(requests[0].url).toBe('https://mot-cua.example.vn/tthc/api/v1/dvcqg');
    expect(requests[0].init).toMatchObject({ method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' } });
    expect(JSON.parse(String(requests[0].init.body))).toEqual({ service: 'DongBoHoSoMC', data: [] });
  });

  it('tries again after 503 and a lost connection, waiting longer each time (or as Retry-After asks)', async () => {
    const { sut, slept } = scripted([{ status: 503, body: { error_code: 9, message: 'later' }, headers: { 'retry-after': '5' } }, refused(), { status: 502, body: '<html>bad gateway</html>' }, { status: 200, body: ok }]);
    expect(await sut({})).toEqual(ok);
    expect(slept).toEqual([5000, 2000, 4000]);
  });

  it('stops after its last try, saying why', async () => {
    const { sut, slept, requests } = scripted(Array.from({ length: 6 }, refused));
    const error = await stoppedBy(sut({}));
    expect(error).toBeInstanceOf(SenderStopped);
    expect(error!.message).toBe('https://mot-cua.example.vn does not answer (ECONNREFUSED), 6 tries');
    expect(requests).toHaveLength(6);
    expect(slept).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it.each([401, 403, 404, 405])('stops at once on %i, with the service\'s words and never the key', async (status) => {
    const { sut, requests } = scripted([{ status, body: { error_code: 3, message: 'the session is not valid: the key is unknown or was revoked' } }]);
    const error = await stoppedBy(sut({}));
    expect(error).toBeInstanceOf(SenderStopped);
    expect(error!.message).toBe(`https://mot-cua.example.vn answered ${status}: the session is not valid: the key is unknown or was revoked`);
    expect(error!.message).not.toContain(KEY);
    expect(requests).toHaveLength(1);
  });

  it('answers a refused envelope as the line\'s refusal: the DVCQG answer, or the status of any other', async () => {
    const bad = { error_code: 2, message: 'service: is required, one of DongBoHoSoMC, CapNhatTienDoHoSoMC, TraCuuHoSo' };
    const { sut } = scripted([{ status: 400, body: bad }, { status: 413, body: '<html>Nguyễn Thị Mười Hai</html>' }, { status: 413, body: { statusCode: 413, message: 'request entity too large' } }]);
    expect(await sut({})).toEqual(bad);
    expect(await sut({})).toEqual({ error_code: 2, message: 'HTTP 413' });
    expect(await sut({})).toEqual({ error_code: 2, message: 'HTTP 413: request entity too large' });
  });

  it('stops when a 200 is not a DVCQG answer: the address is another service\'s', async () => {
    const { sut } = scripted([{ status: 200, body: '<html>portal</html>' }]);
    expect((await stoppedBy(sut({})))!.message).toContain('not as the DVCQG endpoint does');
  });
});

describe('endpointOf and delayBefore', () => {
  it.each`
    base                                 | endpoint
    ${'https://tthc.example.vn'}         | ${'https://tthc.example.vn/api/v1/dvcqg'}
    ${'https://tthc.example.vn/'}        | ${'https://tthc.example.vn/api/v1/dvcqg'}
    ${'http://127.0.0.1:3000//'}         | ${'http://127.0.0.1:3000/api/v1/dvcqg'}
    ${'https://example.vn/tthc'}         | ${'https://example.vn/tthc/api/v1/dvcqg'}
    ${'https://example.vn//other.vn'}    | ${'https://example.vn//other.vn/api/v1/dvcqg'}
  `('$base → $endpoint', ({ base, endpoint }) => {
    expect(endpointOf(new URL(base)).href).toBe(endpoint);
  });

  it.each`
    attempt | retryAfter | ms
    ${2}    | ${null}    | ${1000}
    ${6}    | ${null}    | ${16000}
    ${12}   | ${null}    | ${60000}
    ${2}    | ${'5'}     | ${5000}
    ${2}    | ${'3600'}  | ${60000}
    ${4}    | ${'1'}     | ${4000}
    ${2}    | ${'soon'}  | ${1000}
  `('waits $ms ms before try $attempt (Retry-After $retryAfter)', ({ attempt, retryAfter, ms }) => {
    expect(delayBefore(attempt, retryAfter)).toBe(ms);
  });
});
