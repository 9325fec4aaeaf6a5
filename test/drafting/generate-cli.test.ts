// `patent-draft generate`, in process: each task on the fixture matter, --show-prompt with a
// matter's own template, --from-line, usage errors (exit 2) and drafting failures (exit 1).
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main';
import { fakeIo as io } from '../support/io';
import { FakeTriton } from '../inference/server/triton-server';
import { ensembleModel } from '../inference/server/models';

describe('cli: generate', function () {
  this.timeout(20000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pd-gen-'));
    cpSync(path.join(__dirname, 'fixtures', 'sensor'), path.join(dir, 'm'), { recursive: true });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('dependent: streams the candidates to stdout; --sources names where each came from', async () => {
    const o = io(dir);
    assert.equal(await runCli(['generate', 'dependent', 'm', '--claim', '1', '--count', '2', '--sources'], o), 0, o.err);
    assert.equal(
      o.out,
      '3. The monitoring system of claim 1, further comprising a display configured to show readings.\n\n4. The monitoring system of claim 1, wherein the sensor comprises a thermocouple.\n',
    );
    assert.match(o.err, /^source: m\/disclosure\.md:19: The monitoring system may further comprise a display configured to show the readings\.$/m);
    assert.match(o.err, /^source: m\/disclosure\.md:15: In some embodiments the sensor 104 comprises a thermocouple\.$/m);
  });

  it('abstract, continue, and claim --from-line', async () => {
    let o = io(dir);
    assert.equal(await runCli(['generate', 'abstract', 'm'], o), 0, o.err);
    assert.match(o.out, /^A monitoring system includes a housing, .*\.\n$/);
    o = io(dir);
    assert.equal(await runCli(['generate', 'continue', 'm', '--claim', '1', '--text', 'A monitoring system comprising a sensor'], o), 0, o.err);
    assert.equal(o.out, ' disposed in the housing\n');
    o = io(dir);
    assert.equal(await runCli(['generate', 'claim', 'm', '--from-line', '13'], o), 0, o.err);
    assert.equal(o.out, '3. A monitoring system comprising:\n   a housing;\n   a sensor; and\n   a controller.\n');
  });

  it("--show-prompt prints the prompt, with the matter's own template", async () => {
    mkdirSync(path.join(dir, 'm', '.patentdraft', 'prompts'), { recursive: true });
    writeFileSync(path.join(dir, 'm', '.patentdraft', 'prompts', 'abstract.md'), 'Abstract for claim {{claim_number}} of "{{title}}".');
    try {
      const o = io(dir);
      assert.equal(await runCli(['generate', 'abstract', 'm', '--show-prompt'], o), 0, o.err);
      assert.equal(o.out, 'Abstract for claim 1 of "Monitoring system with a protected sensor".\n');
    } finally {
      rmSync(path.join(dir, 'm', '.patentdraft'), { recursive: true, force: true });
    }
  });

  it('usage errors exit 2 with the reason; a claim that is not there exits 1', async () => {
    const cases: [string[], RegExp][] = [
      [['generate'], /name a task/],
      [['generate', 'poem', 'm'], /unknown task "poem"/],
      [['generate', 'dependent', 'm'], /dependent needs --claim N/],
      [['generate', 'claim', 'm'], /--passage "text" or --from-line N/],
      [['generate', 'claim', 'm', '--from-line', '1'], /line 1 is not in the matter's disclosure|heading/],
      [['generate', 'abstract', 'm', '--backend', 'gpt'], /--backend must be/],
      [['generate', 'abstract', 'm', '--backend', 'triton'], /needs --endpoint/],
      [['generate', 'abstract', 'nowhere'], /no such file or folder/],
    ];
    for (const [args, re] of cases) {
      const o = io(dir);
      assert.equal(await runCli(args, o), 2, args.join(' '));
      assert.match(o.err, re);
    }
    const o = io(dir);
    assert.equal(await runCli(['generate', 'dependent', 'm', '--claim', '7'], o), 1);
    assert.match(o.err, /claim 7 is not in the matter/);
  });

  it('--backend triton streams from the endpoint; a server error mid-stream exits 1 and says the text is incomplete', async () => {
    const server = await FakeTriton.start({ models: [ensembleModel()] });
    try {
      let o = io(dir);
      assert.equal(
        await runCli(['generate', 'claim', 'm', '--passage', 'a thermocouple', '--backend', 'triton', '--endpoint', server.address, '--model', 'ensemble', '--max-tokens', '40'], o),
        0,
        o.err,
      );
      assert.equal(o.out, '3. A fastening device comprising: a clip (é) — wherein the clip is 日本\n');
      server.settings.failAfterTokens = 10;
      o = io(dir);
      assert.equal(await runCli(['generate', 'abstract', 'm', '--backend', 'triton', '--endpoint', server.address, '--max-tokens', '40'], o), 1);
      assert.match(o.err, /Triton generation failed after \d+ characters; the text shown so far is incomplete/);
    } finally {
      await server.close();
    }
  });

  it("--prompt-format wraps the prompt in the chat format; --chat-template renders the model's own template", async () => {
    let o = io(dir);
    assert.equal(await runCli(['generate', 'abstract', 'm', '--show-prompt', '--prompt-format', 'chatml'], o), 0, o.err);
    assert.match(o.out, /^<\|im_start\|>system\nYou are a US patent practitioner[\s\S]*<\|im_start\|>assistant\n$/);
    const cfg = path.join(dir, 'tokenizer_config.json');
    writeFileSync(cfg, JSON.stringify({ eos_token: '</s>', chat_template: '{% for m in messages %}[{{ m.role }}] {{ m.content }}\n{% endfor %}[assistant]' }));
    o = io(dir);
    assert.equal(await runCli(['generate', 'dependent', 'm', '--claim', '1', '--show-prompt', '--chat-template', cfg], o), 0, o.err);
    assert.match(o.out, /^\[system\] You are a US patent practitioner[\s\S]*\[user\] You draft dependent claims[\s\S]*\[assistant\]\n$/);
    // Bad input: a clear usage error (exit 2), never a stack trace.
    o = io(dir);
    assert.equal(await runCli(['generate', 'abstract', 'm', '--prompt-format', 'alpaca'], o), 2);
    assert.match(o.err, /--prompt-format must be one of raw, llama3, chatml, mistral, template/);
    o = io(dir);
    assert.equal(await runCli(['generate', 'abstract', 'm', '--prompt-format', 'template'], o), 2);
    assert.match(o.err, /needs --chat-template FILE/);
    o = io(dir);
    assert.equal(await runCli(['generate', 'abstract', 'm', '--chat-template', path.join(dir, 'm')], o), 2);
    assert.match(o.err, /cannot read|folder|not a regular file/);
    writeFileSync(cfg, '{"eos_token": "</s>"}');
    o = io(dir);
    assert.equal(await runCli(['generate', 'abstract', 'm', '--chat-template', cfg], o), 2);
    assert.match(o.err, /has no "chat_template"/);
  });
});
