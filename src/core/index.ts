// The patent language core: no `vscode` import, used by the editor, the CLI, the MCP server,
// tests and benchmarks alike.
export * from './types';
export { analyzeMatter, AnalysisCache, CHECK_CODES, type Analysis } from './analyze';
export { DEFAULT_SEVERITY, DEFAULT_CONFIDENCE, CONFIDENCES, defaultConfidence, isConfidence, meetsConfidence } from './checks/context';
export { createMatter, detectRole, parseGlossary, DEFAULT_PATTERNS, DEFAULT_SETTINGS, type FilePatterns } from './matter';
export {
  parseClaims,
  readDependency,
  readReferences,
  readClaimNumbers,
  claimNumberAt,
  stripClaimNumber,
  renumberReference,
  rewriteClaimReference,
  formatClaimReference,
  referencesOf,
  type ClaimNumberRef,
} from './claims';
export { claimTree, ancestors, dependents, allDependents, dependencyChain, findClaimAt, findTermAt, findClaimReferenceAt, type ClaimTreeNode } from './tree';
export { toSarif, formatFindingText, displayPath, CHECK_DESCRIPTIONS } from './output';
export { renumberClaimEdits, referenceEdits } from './renumber';
export { LineIndex, offsetToPosition, excerpt } from './text';
export { countWords, normWord, singular } from './words';
export { clearCaches } from './caches';
export {
  indefiniteArticle,
  agreeArticle,
  matchCase,
  pluralize,
  pluralizeWord,
  singularize,
  findTerm,
  findTerms,
  replaceTerm,
  replaceTermInMatter,
  replacementEdit,
  caseLike,
  indefiniteBefore,
  type OffsetEdit,
  type ReplaceTermOptions,
  type TermMatch,
  type TermMatchOptions,
} from './english';
export { parseMatterSettings, mergeSettings, MAX_SETTINGS_CHARS, type MatterSettingsFile } from './settings';
export type { MatterWorkspace, TextOverlay, WorkspaceChange, WorkspaceDisposable, WorkspaceEntry, WorkspaceEntryKind, WorkspaceReadRequest, WorkspaceReplaceRequest, WorkspaceStat } from './workspace';
// What the hosts, the filing layer and drafting use besides the analysis (nothing outside src/core
// imports a file of it directly; test/core/surface.test.ts checks).
export { cleanListingText, MAX_BRACKETED, parseMarks, STATUS_LABEL, type ListingMark, type ParsedMarks } from './amendment';
export { indexDisclosurePart, supportingSentences, termSupport, wordsFound, type DisclosurePart } from './disclosure';
export { globProblem, matchGlob, matchesAnyGlob, GLOB_LIMITS } from './glob';
export { importPatentXml, PLACEHOLDERS, type ImportedMatter } from './importer';
export { ABSTRACT_HEADING, CLAIMS_HEADING, basename, layoutDocument, type DocumentLayout } from './matter';
export { findPhrases, STOP } from './phrases';
export { isOrdinal, tokenizeClaim, type ClaimTokens } from './terms';
export { tokenize, type Token } from './words';
export { decodeEntities, decodeXml, parseXml, XmlError, type XmlElement, type XmlNode } from './xml';
