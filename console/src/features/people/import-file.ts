/** A file HR chose to import, read as text: what is sent, both for the dry run and for real. */
export type ImportFile = { name: string; text: string; kind: "csv" | "json" };

export class UnreadableFile extends Error {
  constructor(readonly reason: "kind" | "empty" | "size") {
    super(reason);
    this.name = "UnreadableFile";
  }
}

// API Gateway's limit on a body: the API refuses more anyway, and says so less kindly.
export const MAX_BYTES = 10 * 1024 * 1024;

/** CSV or JSON, by the file's name or, failing that, its type; null for anything else. */
export function kindOf(name: string, type = ""): ImportFile["kind"] | null {
  const lower = name.toLowerCase();
  if (lower.endsWith(".csv") || type === "text/csv") return "csv";
  if (lower.endsWith(".json") || type === "application/json") return "json";
  return null;
}

export async function readImportFile(file: File): Promise<ImportFile> {
  const kind = kindOf(file.name, file.type);
  if (kind === null) throw new UnreadableFile("kind");
  if (file.size > MAX_BYTES) throw new UnreadableFile("size");
  const text = await textOf(file);
  if (!text.trim()) throw new UnreadableFile("empty");
  return { name: file.name, text, kind };
}

/** The rows the import would write: those it creates or updates. */
export function changes(result: { created: number; updated: number }): number {
  return result.created + result.updated;
}

/** The file's text as UTF-8 (FileReader rather than Blob.text, which the test DOM lacks). */
function textOf(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file, "utf-8");
  });
}
