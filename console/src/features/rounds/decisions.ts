export type Choice = "approve" | "reject" | "later";

/** The body of POST .../proposals/decision from the choices made: proposals left for later are not sent. */
export function decisionBody(choices: Record<string, Choice>): { approve: string[]; reject: string[] } {
  const chosen = (choice: Choice) =>
    Object.entries(choices)
      .filter(([, c]) => c === choice)
      .map(([id]) => id);
  return { approve: chosen("approve"), reject: chosen("reject") };
}
