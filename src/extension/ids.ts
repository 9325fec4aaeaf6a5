// Ids shared by package.json and the code (test/extension/contributions.test.ts keeps them in step).
// Public commands are contributed in package.json; ids starting with "patentDraft._" are internal.

export const COMMAND_IDS = {
  checkMatter: 'patentDraft.checkMatter',
  renumberClaims: 'patentDraft.renumberClaims',
  showClaimTree: 'patentDraft.showClaimTree',
  openReport: 'patentDraft.openReport',
  exportReport: 'patentDraft.exportReport',
  importPatent: 'patentDraft.importPatent',
  reveal: 'patentDraft._reveal',
} as const;

export const CLAIM_TREE_VIEW = 'patentDraft.claimTree';
export const REPORT_VIEW_TYPE = 'patentDraft.report';
export const REPORT_TITLE = 'Patent Draft: Matter Report';
export const HAS_MATTER_CONTEXT = 'patentDraft.hasMatter';
