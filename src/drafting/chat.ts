// Chat templates: what wraps a prompt for the model that serves it. TensorRT-LLM's and vLLM's
// Triton models take `text_input` as is, so an instruction-tuned model (Llama 3 Instruct, Qwen,
// Mistral) needs its own chat template applied here, with the stop sequences that end its turn.
// `template` renders the model's own Jinja `chat_template` (from its tokenizer_config.json) with
// @huggingface/jinja. No `vscode`, no `fs`: the host reads the template file and hands over text.
import { Template } from '@huggingface/jinja';

import { PROMPT_FORMATS, isPromptFormat, type PromptFormat } from './settings';

export { PROMPT_FORMATS, isPromptFormat, type PromptFormat };

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A model's own chat template, as read from its tokenizer_config.json (or a bare Jinja file). */
export interface ChatTemplate {
  template: string;
  bosToken?: string;
  eosToken?: string;
  /** The model's special tokens (tokenizer_config's added_tokens_decoder marked special). */
  specialTokens: string[];
}

/** Largest chat template file read (tokenizer_config.json of large models is about 50 KB). */
export const MAX_CHAT_TEMPLATE_BYTES = 1024 * 1024;
/** Largest rendered prompt accepted from a template. */
export const MAX_RENDERED_CHARS = 4 * 1024 * 1024;
const MAX_SPECIAL_TOKENS = 4096;
const MAX_TOKEN_CHARS = 64;

export class ChatTemplateError extends Error {
  override name = 'ChatTemplateError';
}

function tokenText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as { content?: unknown }).content === 'string') return (v as { content: string }).content;
  return undefined;
}

/** Reads a chat template from the text of a tokenizer_config.json, or of a bare Jinja template. */
export function parseChatTemplate(text: string, source = 'the chat template'): ChatTemplate {
  if (text.length > MAX_CHAT_TEMPLATE_BYTES) throw new ChatTemplateError(`${source} has ${text.length} characters; at most ${MAX_CHAT_TEMPLATE_BYTES} are read`);
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  let out: ChatTemplate;
  if (trimmed.startsWith('{') && !trimmed.startsWith('{%') && !trimmed.startsWith('{{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (e) {
      throw new ChatTemplateError(`${source} is not valid JSON (${(e as Error).message.slice(0, 120)}); give a tokenizer_config.json or a Jinja template file`);
    }
    if (!json || typeof json !== 'object' || Array.isArray(json)) throw new ChatTemplateError(`${source} is not a tokenizer_config.json object`);
    const cfg = json as Record<string, unknown>;
    let template: unknown = cfg.chat_template;
    // Some configs hold several named templates: [{ name: "default", template: "..." }, ...].
    if (Array.isArray(template)) {
      const named = template.filter((t): t is { name?: unknown; template: string } => !!t && typeof t === 'object' && typeof (t as { template?: unknown }).template === 'string');
      template = (named.find((t) => t.name === 'default') ?? named[0])?.template;
    }
    if (typeof template !== 'string' || !template.trim())
      throw new ChatTemplateError(`${source} has no "chat_template"; use a model's tokenizer_config.json that has one, or set the prompt format to llama3, chatml, mistral or raw`);
    const special = new Set<string>();
    const decoder = cfg.added_tokens_decoder;
    if (decoder && typeof decoder === 'object') {
      for (const v of Object.values(decoder as Record<string, unknown>)) {
        if (special.size >= MAX_SPECIAL_TOKENS) break;
        const t = tokenText(v);
        if (t && t.length <= MAX_TOKEN_CHARS && (v as { special?: unknown }).special !== false) special.add(t);
      }
    }
    const bosToken = tokenText(cfg.bos_token);
    const eosToken = tokenText(cfg.eos_token);
    for (const t of [bosToken, eosToken, tokenText(cfg.pad_token), tokenText(cfg.unk_token)]) if (t && t.length <= MAX_TOKEN_CHARS) special.add(t);
    out = { template, bosToken, eosToken, specialTokens: [...special] };
  } else out = { template: trimmed, specialTokens: [] };
  // Parse now, so a broken template is reported when it is configured, not at the first suggestion.
  try {
    new Template(out.template);
  } catch (e) {
    throw new ChatTemplateError(`${source} does not parse as a Jinja chat template: ${(e as Error).message.slice(0, 160)}`);
  }
  return out;
}

/** Special tokens of the formats we know, stripped from whatever reaches the editor. */
export const KNOWN_SPECIAL_TOKENS = [
  '<|begin_of_text|>',
  '<|end_of_text|>',
  '<|start_header_id|>',
  '<|end_header_id|>',
  '<|eot_id|>',
  '<|eom_id|>',
  '<|python_tag|>',
  '<|im_start|>',
  '<|im_end|>',
  '<|endoftext|>',
  '<|end|>',
  '<|user|>',
  '<|assistant|>',
  '<|system|>',
  '<s>',
  '</s>',
  '[INST]',
  '[/INST]',
  '<<SYS>>',
  '<</SYS>>',
  '<unk>',
  '<pad>',
  '<eos>',
  '<bos>',
  '<end_of_turn>',
  '<start_of_turn>',
];

/** Tokens that end the model's turn: where they appear, the output ends. */
export const END_OF_TURN_TOKENS = ['<|eot_id|>', '<|end_of_text|>', '<|eom_id|>', '<|im_end|>', '<|endoftext|>', '<|end|>', '</s>', '<end_of_turn>', '<eos>'];

export interface RenderedPrompt {
  format: PromptFormat;
  text: string;
  /** Stop sequences for the model (its end-of-turn tokens). */
  stop: string[];
  /** Special tokens to strip from the output; the end-of-turn ones end it. */
  specialTokens: string[];
  endTokens: string[];
}

const FORMAT_STOPS: Record<Exclude<PromptFormat, 'template'>, string[]> = {
  raw: [],
  llama3: ['<|eot_id|>', '<|end_of_text|>'],
  chatml: ['<|im_end|>', '<|endoftext|>'],
  mistral: ['</s>'],
};

/** Wraps the system and user messages in the chat format the model expects. */
export function renderChat(format: PromptFormat, messages: ChatMessage[], template?: ChatTemplate): RenderedPrompt {
  const sys = messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n\n');
  const user = messages.filter((m) => m.role !== 'system');
  let text: string;
  let stop: string[];
  let specials = KNOWN_SPECIAL_TOKENS;
  switch (format) {
    case 'raw':
      text = [sys, ...user.map((m) => m.content)].filter(Boolean).join('\n\n');
      stop = FORMAT_STOPS.raw;
      break;
    case 'llama3':
      text = '<|begin_of_text|>' + messages.map((m) => `<|start_header_id|>${m.role}<|end_header_id|>\n\n${m.content.trim()}<|eot_id|>`).join('') + '<|start_header_id|>assistant<|end_header_id|>\n\n';
      stop = FORMAT_STOPS.llama3;
      break;
    case 'chatml':
      text = messages.map((m) => `<|im_start|>${m.role}\n${m.content.trim()}<|im_end|>\n`).join('') + '<|im_start|>assistant\n';
      stop = FORMAT_STOPS.chatml;
      break;
    case 'mistral': {
      // Mistral's instruct format has no system role: the instructions open the first user turn.
      const turns = user.map((m, i) => (m.role === 'user' ? `[INST] ${i === 0 && sys ? `${sys.trim()}\n\n` : ''}${m.content.trim()} [/INST]` : `${m.content.trim()}</s>`));
      text = '<s>' + turns.join('');
      stop = FORMAT_STOPS.mistral;
      break;
    }
    case 'template': {
      if (!template)
        throw new ChatTemplateError(
          'the prompt format is "template" but no chat template is configured: set patentDraft.triton.chatTemplate (CLI: --chat-template FILE) to the model\'s tokenizer_config.json',
        );
      try {
        text = new Template(template.template).render({ messages, add_generation_prompt: true, bos_token: template.bosToken ?? '', eos_token: template.eosToken ?? '' });
      } catch (e) {
        throw new ChatTemplateError(`the chat template failed to render: ${(e as Error).message.slice(0, 160)}`);
      }
      if (text.length > MAX_RENDERED_CHARS) throw new ChatTemplateError(`the chat template rendered ${text.length} characters; at most ${MAX_RENDERED_CHARS} are sent`);
      stop = [...new Set([...(template.eosToken ? [template.eosToken] : []), ...END_OF_TURN_TOKENS.filter((t) => template.template.includes(t) || template.specialTokens.includes(t))])];
      specials = [...new Set([...template.specialTokens, ...KNOWN_SPECIAL_TOKENS])];
      break;
    }
    default:
      throw new ChatTemplateError(`unknown prompt format "${String(format)}" (known: ${PROMPT_FORMATS.join(', ')})`);
  }
  const endTokens = [...new Set([...stop, ...(format === 'raw' ? END_OF_TURN_TOKENS : [])])];
  return { format, text, stop, specialTokens: format === 'raw' ? KNOWN_SPECIAL_TOKENS : specials, endTokens: format === 'raw' ? END_OF_TURN_TOKENS : endTokens };
}
