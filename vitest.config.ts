import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The default reporter plus one closing line CI's summary reader understands.
    reporters: ["default", "./test/support/summary-reporter.ts"],
    testTimeout: 20_000,
  },
});
