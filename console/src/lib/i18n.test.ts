import { describe, expect, it } from "vitest";
import { languageOf, resources } from "./i18n";

function keysOf(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "object" && value !== null ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function placeholdersOf(tree: object): Record<string, string[]> {
  const flat: Record<string, string[]> = {};
  const walk = (node: object, prefix: string) =>
    Object.entries(node).forEach(([key, value]) =>
      typeof value === "object" ? walk(value, `${prefix}${key}.`) : (flat[`${prefix}${key}`] = [...String(value).matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort()),
    );
  walk(tree, "");
  return flat;
}

describe("the console's languages", () => {
  it("has the same keys in English and Danish", () => {
    expect(keysOf(resources.da.translation).sort()).toEqual(keysOf(resources.en.translation).sort());
  });

  it("uses the same placeholders in both languages", () => {
    expect(placeholdersOf(resources.da.translation)).toEqual(placeholdersOf(resources.en.translation));
  });

  it("leaves no text empty", () => {
    for (const { translation } of Object.values(resources)) {
      const texts = keysOf(translation).map((key) => key.split(".").reduce<any>((node, part) => node[part], translation));
      expect(texts.filter((text) => typeof text !== "string" || text.trim() === "")).toEqual([]);
    }
  });

  it("reads the profile's locale as Danish or English", () => {
    expect(languageOf("da")).toBe("da");
    expect(languageOf("da-DK")).toBe("da");
    expect(languageOf("en-GB")).toBe("en");
    expect(languageOf(undefined)).toBe("en");
  });
});
