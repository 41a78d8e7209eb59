// An OpenAI-compatible stand-in for the browser tests (no dependencies): GET /v1/models and
// streaming POST /v1/chat/completions with real SSE chunks. The model name is the switch:
// "echo" answers "You said: …" quickly, "slow" sends "w1 … w60" one word every 150 ms, "fail"
// answers HTTP 500. Non-streaming requests (titles) answer "Stand-in chat title".
import http from 'node:http';

const port = Number(process.env.STANDIN_PORT ?? 3108);
const KEY = 'sk-e2e-standin-key-4242';
const MODELS = ['echo', 'slow', 'fail'];

function json(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const server = http.createServer((req, res) => {
  if (req.url === '/health') return json(res, 200, { ok: true });
  if (req.headers.authorization !== `Bearer ${KEY}`) {
    return json(res, 401, { error: { message: 'Invalid API key' } });
  }
  if (req.method === 'GET' && req.url === '/v1/models') {
    return json(res, 200, { object: 'list', data: MODELS.map((id) => ({ id, object: 'model' })) });
  }
  if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return json(res, 404, { error: { message: 'not found' } });
  let raw = '';
  req.on('data', (c) => (raw += c));
  req.on('end', () => {
    const body = JSON.parse(raw || '{}');
    if (!body.stream) {
      return json(res, 200, { choices: [{ index: 0, message: { role: 'assistant', content: '"Stand-in chat title"' } }] });
    }
    if (body.model === 'fail') return json(res, 500, { error: { message: 'The stand-in model is overloaded.' } });
    const last = [...(body.messages ?? [])].reverse().find((m) => m.role === 'user')?.content ?? '';
    const words = body.model === 'slow'
      ? Array.from({ length: 60 }, (_, i) => `w${i + 1} `)
      : `You said: ${last}`.split(/(?<= )/);
    const delay = body.model === 'slow' ? 150 : 10;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    let i = 0;
    const timer = setInterval(() => {
      if (i < words.length) {
        const chunk = { object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: words[i++] }, finish_reason: null }] };
        res.write(`data: ${JSON.stringify(chunk)}\n\n`);
      } else {
        clearInterval(timer);
        res.end('data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n');
      }
    }, delay);
    res.on('close', () => clearInterval(timer));
  });
});

server.listen(port, '127.0.0.1', () => console.log(`stand-in on http://127.0.0.1:${port}/v1`));
