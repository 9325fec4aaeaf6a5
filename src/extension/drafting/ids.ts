// Command ids and keys of the editor's drafting features (package.json contributes the public ones;
// registerCommand takes them as literals, which test/extension keeps equal to these).
// No `vscode` import.

export const DRAFTING_COMMANDS = {
  triggerInline: 'patentDraft.suggestClaimText',
  generateAbstract: 'patentDraft.generateAbstract',
  suggestDependentClaims: 'patentDraft.suggestDependentClaims',
  draftClaimFromSelection: 'patentDraft.draftClaimFromSelection',
  showPrompt: 'patentDraft.showPrompt',
  testConnection: 'patentDraft.testConnection',
  setTritonToken: 'patentDraft.setTritonToken',
  /** Internal: run after an inline suggestion was accepted (asks for the next segment). */
  inlineAccepted: 'patentDraft._inlineAccepted',
} as const;

/** SecretStorage key of the Triton auth token (never a setting). */
export const TOKEN_SECRET = 'patentDraft.triton.token';
/** globalState key: endpoints the user agreed to send plaintext to. */
export const PLAINTEXT_OK_STATE = 'patentDraft.plaintextEndpointsAccepted';
/** Scheme of the read-only documents: the abstract preview and Show Prompt. */
export const PREVIEW_SCHEME = 'patent-draft-preview';
