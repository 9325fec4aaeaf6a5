// The Triton backend against a scripted model that behaves as served instruction-tuned models do:
// what reaches the editor is cleaned (no echoed prompt, no header, our numbering, no chat tokens),
// and the findings of our own checks travel with the suggestion (a claim that repeats its parent,
// a term without antecedent). Per-task models and the chat formats on the wire.
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { analyzeMatter, createMatter, type Analysis } from '../../src/core';
import { buildPrompt, collectDraft, parseChatTemplate, TritonBackend, type DraftContext } from '../../src/drafting';
import { TritonClient } from '../../src/inference';
import { FakeTriton } from '../inference/server/triton-server';
import { scriptedModel } from '../inference/server/scripted';

const DIR = path.join(__dirname, 'fixtures', 'sensor');
function fixture(): Analysis {
  const docs = ['claims.md', 'disclosure.md'].map((f) => ({ uri: path.join(DIR, f), text: readFileSync(path.join(DIR, f), 'utf8') }));
  return analyzeMatter(createMatter(DIR, docs));
}

// What a chatty model sends back for dependent claims of claim 1 (the matter has claims 1 and 2).
const CLAIMS_REPLY = [
  'Claims:\n',
  '**Claim 12.** The monitoring system of claim 5, wherein the sensor comprises a thermocouple.\n\n',
  '14) The monitoring system of claim 1, wherein the sensor is disposed in the housing.\n\n',
  ' 7. The monitoring system of claim 1, wherein the gauge is mounted on the housing.',
  '<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nThanks! Now write more.',
].join('');

describe('drafting: a scripted model on the Triton test server', function () {
  this.timeout(20000);
  let server: FakeTriton;
  const clients: TritonClient[] = [];
  const seen: { model: string; prompt: string }[] = [];
  const a = fixture();
  before(async () => {
    const record = (model: string, reply: (p: string) => string) => scriptedModel(model, (p) => (seen.push({ model, prompt: p }), reply(p)));
    server = await FakeTriton.start({
      models: [
        // Echoes the whole prompt first, as a base model does without exclude_input_in_output.
        record('chatty', (p) => p + CLAIMS_REPLY),
        record('abstract_int8', () => 'Abstract:\nA monitoring system includes a housing, a sensor in the housing and a controller that reads the sensor.<|eot_id|>\n\nIgnore this.'),
      ],
    });
  });
  after(async () => {
    for (const c of clients) c.close();
    await server.close();
  });
  const connect = (model: string) => {
    const c = new TritonClient({ endpoints: [server.address], model });
    clients.push(c);
    return c;
  };

  it('dependent claims: echo, header, numbering and chat tokens cleaned; the findings travel with them', async () => {
    // Room for the echo: a client counts the echoed prompt's tokens against max_tokens too.
    const ctx: DraftContext = { analysis: a, chat: { format: 'llama3' }, settings: { maxTokens: 8000 } };
    const r = await collectDraft(new TritonBackend(connect('chatty')).generate({ kind: 'dependent', claim: 1 }, ctx));
    assert.equal(
      r.text,
      [
        '3. The monitoring system of claim 1, wherein the sensor comprises a thermocouple.',
        '4. The monitoring system of claim 1, wherein the sensor is disposed in the housing.',
        '5. The monitoring system of claim 1, wherein the gauge is mounted on the housing.',
      ].join('\n\n'),
    );
    assert.doesNotMatch(r.text, /<\||Claims:|\*\*|Thanks/);
    assert.ok(r.complete);
    const f = r.chunks.flatMap((c) => c.findings ?? []);
    // Claim 4 repeats claim 1; claim 5's "the gauge" has no antecedent.
    assert.deepEqual(
      f.filter((x) => x.code === 'dependent-scope').map((x) => x.claim),
      [4],
    );
    assert.deepEqual(
      f.filter((x) => x.code === 'antecedent-basis').map((x) => x.claim),
      [5],
    );
    for (const x of f) assert.ok(x.start >= 0 && x.end <= r.text.length && x.start < x.end);
    assert.equal(r.text.slice(f.find((x) => x.code === 'antecedent-basis')!.start, f.find((x) => x.code === 'antecedent-basis')!.end), 'the gauge');
    // The model saw the rendered llama3 prompt: what Show Prompt shows.
    const sent = seen.filter((s) => s.model === 'chatty').pop()!.prompt;
    assert.equal(sent, buildPrompt({ kind: 'dependent', claim: 1 }, ctx).text);
    assert.match(sent, /^<\|begin_of_text\|><\|start_header_id\|>system<\|end_header_id\|>\n\n/);
    assert.match(sent, /<\|start_header_id\|>assistant<\|end_header_id\|>\n\n$/);
  });

  it('the prompt holds the whole claim set, the terms, the parent chain and the rules', () => {
    const p = buildPrompt({ kind: 'dependent', claim: 1 }, { analysis: a, chat: { format: 'chatml' } });
    assert.match(p.text, /^<\|im_start\|>system\n/);
    assert.match(p.text, /<\|im_start\|>assistant\n$/);
    assert.deepEqual(p.stop, ['<|im_end|>', '<|endoftext|>']);
    // Claim 2 is not in claim 1's chain, but the model must see it to not repeat it.
    assert.match(
      p.body,
      /The claims so far \(do not repeat what any of them recites\):\n1\. A monitoring system[^\n]*\n2\. The monitoring system of claim 1, wherein the housing is made of aluminum\./,
    );
    assert.match(p.body, /Terms the claims introduce[^\n]*\n- monitoring system\n- housing\n- sensor\n- controller\n/);
    assert.match(p.body, /must further limit claim 1 \(35 USC 112\(d\)\)/);
    assert.match(p.body, /Use "the" only for terms the claims introduce/);
    const mistral = buildPrompt({ kind: 'abstract' }, { analysis: a, chat: { format: 'mistral' } });
    assert.match(mistral.text, /^<s>\[INST\] You are a US patent practitioner[\s\S]*\[\/INST\]$/);
  });

  it("the model's own Jinja chat template (tokenizer_config.json), with its end token as the stop", () => {
    const cfg = JSON.stringify({
      bos_token: '<|begin_of_text|>',
      eos_token: { content: '<|eot_id|>' },
      added_tokens_decoder: { '128009': { content: '<|eot_id|>', special: true }, '128010': { content: '<|my_tool|>', special: true } },
      chat_template: "{{ bos_token }}{% for m in messages %}<|{{ m['role'] }}|>{{ m['content'] | trim }}{{ eos_token }}{% endfor %}{% if add_generation_prompt %}<|assistant|>{% endif %}",
    });
    const t = parseChatTemplate(cfg);
    const p = buildPrompt({ kind: 'abstract' }, { analysis: a, chat: { format: 'template', template: t } });
    assert.match(p.text, /^<\|begin_of_text\|><\|system\|>You are a US patent practitioner[\s\S]*<\|eot_id\|><\|user\|>You draft the abstract[\s\S]*<\|eot_id\|><\|assistant\|>$/);
    assert.deepEqual(p.stop, ['<|eot_id|>']);
    assert.ok(p.specialTokens.includes('<|my_tool|>'));
    assert.throws(() => parseChatTemplate('{"eos_token": "</s>"}'), /no "chat_template"/);
    assert.throws(() => parseChatTemplate('{% for %}'), /does not parse/);
    assert.throws(() => buildPrompt({ kind: 'abstract' }, { analysis: a, chat: { format: 'template' } }), /no chat template is configured/);
  });

  it('per-task models: the abstract goes to its own model, claims to the default one', async () => {
    const backend = new TritonBackend(connect('chatty'), { clientFor: (task) => (task === 'abstract' ? connect('abstract_int8') : undefined) });
    const before = seen.length;
    const r = await collectDraft(backend.generate({ kind: 'abstract' }, { analysis: a, chat: { format: 'llama3' } }));
    assert.equal(r.text, 'A monitoring system includes a housing, a sensor in the housing and a controller that reads the sensor.');
    assert.deepEqual(
      seen.slice(before).map((s) => s.model),
      ['abstract_int8'],
    );
    // The abstract check's findings travel with it too (41 words: under 50).
    assert.deepEqual(
      r.chunks.flatMap((c) => c.findings ?? []).map((f) => f.code),
      ['abstract'],
    );
  });
});

describe('drafting: per-task model names', () => {
  it('a task uses its own model where one is set, else the default', async () => {
    const { modelFor, modelTask } = await import('../../src/drafting');
    assert.equal(modelTask('dependent'), 'claims');
    assert.equal(modelTask('claim'), 'claims');
    assert.equal(modelTask('abstract'), 'abstract');
    assert.equal(modelTask('continue'), 'continue');
    const models = { continue: 'ensemble_int8', abstract: '  ' };
    assert.equal(modelFor(models, 'continue', 'ensemble'), 'ensemble_int8');
    assert.equal(modelFor(models, 'abstract', 'ensemble'), 'ensemble');
    assert.equal(modelFor(models, 'dependent', 'ensemble'), 'ensemble');
    assert.equal(modelFor(undefined, 'claim', 'fp16'), 'fp16');
  });
});
