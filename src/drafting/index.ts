// Drafting: one interface (a task plus the matter's context in, a stream of text chunks out,
// cancellable) and two backends — the built-in deterministic engine and Triton. No `vscode` import.
export * from './backend';
export { BuiltinBackend, draftSegments, toAbstractLanguage, claimSubject, fieldSentences } from './builtin';
export { TritonBackend, MODEL_TASKS, modelTask, modelFor, type ModelTask, type TextGenerator, type TritonBackendOptions } from './triton';
export { buildPrompt, fillTemplate, SYSTEM_MESSAGE, promptTemplatePath, DEFAULT_TEMPLATES, PLACEHOLDERS, type BuiltPrompt, type Placeholder } from './prompts';
export { selectPassages, disclosureSentences, estimateTokens, broadestIndependent, principalIndependent, nextClaimNumber, type Passage } from './context';
export { cleanOutput, StreamCleaner, checkGeneratedClaims, checkOutput, checkContinuation, checkAbstract, claimsInOutput, type CleanInfo, type GeneratedClaim } from './clean';
export {
  PROMPT_FORMATS,
  isPromptFormat,
  parseChatTemplate,
  renderChat,
  ChatTemplateError,
  KNOWN_SPECIAL_TOKENS,
  END_OF_TURN_TOKENS,
  MAX_CHAT_TEMPLATE_BYTES,
  type PromptFormat,
  type ChatTemplate,
  type ChatMessage,
  type RenderedPrompt,
} from './chat';
export { normalizeDraftingSettings, connectionKey, DRAFTING_SETTING_LIMITS, type DraftingSettings } from './settings';
export { rougeL, lcsLength, type RougeL } from './rouge';
