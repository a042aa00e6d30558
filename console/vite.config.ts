/// <reference types="vitest" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  build: { target: "es2020", sourcemap: false },
  // `npm run dev` talks to the local stack, which also serves the sign-in.
  server: {
    proxy: {
      "^/(cycles|employees|escalations|organisation|competencies|job-classes|me(?=/|$)|oauth2|\\.well-known|_local|logout)":
        "http://127.0.0.1:3000",
    },
  },
  test: { environment: "jsdom", include: ["src/**/*.test.{ts,tsx}"], setupFiles: ["src/test/setup.ts"] },
});
