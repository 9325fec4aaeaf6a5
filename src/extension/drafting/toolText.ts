// The language-model tools' texts the editor shows without loading the agent layer (the tool list
// itself is read from package.json's languageModelTools, which lmToolDefs.ts derives from AGENT_TOOLS).
// No `vscode` import, no other import.

/** The icon of a tool that changes documents (the contribution's mark of a write tool). */
export const WRITE_ICON = '$(edit)';

/** A short sentence of the arguments for a confirmation (no document text beyond what the agent sent). */
export function describeArgs(tool: { name: string }, args: Record<string, unknown>): string {
  switch (tool.name) {
    case 'patent_apply_fixes':
      if (Array.isArray(args.findings))
        return `Apply the fixes of ${args.findings.length} finding(s): ${(args.findings as { code: string; line: number }[]).map((f) => `${f.code} at line ${f.line}`).join(', ')}.`;
      if (Array.isArray(args.codes)) return `Apply every automatic fix for ${(args.codes as string[]).join(', ')}.`;
      return 'Apply every automatic fix the checks offer.';
    case 'patent_renumber':
      return 'Renumber the claims 1..n and update every "claim N" reference.';
    case 'patent_replace_term':
      return `Replace "${String(args.from)}" with "${String(args.to)}" in ${args.scope === 'matter' ? 'every document of the matter' : 'the claims'}.`;
    case 'patent_insert_claims': {
      const claims = Array.isArray(args.claims) ? (args.claims as string[]) : [];
      return `Insert ${claims.length} claim(s) after claim ${String(args.after)}, renumbering the claims that follow:\n\n${claims.map((c, i) => `${i + 1}. ${String(c).slice(0, 300)}`).join('\n\n')}`;
    }
    default:
      return `Run ${tool.name}.`;
  }
}
