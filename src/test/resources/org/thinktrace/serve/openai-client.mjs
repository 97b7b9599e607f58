// Calls a ThinkTrace server with the official OpenAI Node client and prints what it read as one JSON line.
// Usage: node openai-client.mjs BASE_URL API_KEY MODEL
import OpenAI from 'openai';

const [baseURL, apiKey, model] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0 });
const messages = [{ role: 'user', content: 'What is 2 + 2?' }];

const stream = await client.chat.completions.create({
  model, messages, stream: true, logprobs: true, top_logprobs: 2, temperature: 0,
  stream_options: { include_usage: true },
});
let reasoning = '';
let content = '';
let tokens = 0;
let finish = null;
let usage = null;
for await (const chunk of stream) {
  const choice = chunk.choices[0];
  if (choice) {
    reasoning += choice.delta.reasoning_content ?? '';
    content += choice.delta.content ?? '';
    tokens += choice.logprobs?.content?.length ?? 0;
    finish = choice.finish_reason ?? finish;
  }
  if (chunk.usage) usage = chunk.usage;
}

const whole = await client.chat.completions.create({ model, messages });

let refused = null;
try {
  await new OpenAI({ baseURL, apiKey: 'not-the-key', maxRetries: 0 }).chat.completions.create({ model, messages });
} catch (e) {
  refused = { status: e.status, code: e.code ?? null };
}

let unknownModel = null;
try {
  await client.chat.completions.create({ model: 'no-such-model', messages });
} catch (e) {
  unknownModel = { status: e.status, code: e.code ?? null };
}

const models = (await client.models.list()).data.map((m) => m.id);
console.log(JSON.stringify({
  reasoning, content, tokens, finish, usage, models, refused, unknownModel,
  whole: { content: whole.choices[0].message.content, reasoning: whole.choices[0].message.reasoning_content },
}));
