// The agent tool layer's shapes: plain JSON in, text (mostly JSON) out. Shared by the MCP server
// and the editor's language-model tools. No `vscode` import under src/agent.
import type { CheckSettings, FilePatterns, MatterWorkspace } from '../core';

/** The subset of JSON Schema the tools use for their inputs (and `validateArgs` understands). */
export interface JsonSchema {
  type?: 'object' | 'string' | 'integer' | 'number' | 'boolean' | 'array';
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  enum?: (string | number)[];
  minimum?: number;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
}

/** Where and how the tools may act: the matter folder they are confined to. */
export interface AgentContext {
  /** The matter folder, already resolved with realpath. Every path the tools read or write is inside it. */
  root: string;
  /** Write tools refuse unless this is set (`patent-draft mcp --allow-writes`). */
  allowWrites: boolean;
  /** Where the matter is read and written (default: Node's file system). The editor passes its
   *  documents (unsaved text included) and records the writes as one edit instead of writing files. */
  workspace?: MatterWorkspace;
  /** The host's own check settings and file patterns, under the matter's .patentdraft/settings.json. */
  settings?: Partial<CheckSettings>;
  patterns?: Partial<FilePatterns>;
  signal?: AbortSignal;
  /** Ids, counts and timings only: never document text. */
  log?: (message: string) => void;
}

export interface ToolResult {
  /** What the agent reads: JSON for data, a sentence for an error. */
  text: string;
  /** The same data as an object, for hosts that take structured results. */
  data?: unknown;
  isError?: boolean;
}

export interface AgentTool {
  name: string;
  title: string;
  /** Says what the tool returns and when to use it. */
  description: string;
  inputSchema: JsonSchema;
  /** Changes files (refused unless `allowWrites`, except as a dry run). */
  writes: boolean;
  run(args: Record<string, unknown>, ctx: AgentContext): Promise<ToolResult>;
}

/** An error the agent can act on: its message says what was wrong and what to do instead. */
export class ToolError extends Error {}
