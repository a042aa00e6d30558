import { cleanup } from "@testing-library/react";
import { afterEach, vi } from "vitest";
import { i18n } from "../lib/i18n";

// Tests read the English texts unless they choose Danish.
void i18n.changeLanguage("en");

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  void i18n.changeLanguage("en");
});
