import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { NODE_SNIPPET, PYTHON_SNIPPET } from "./verification-snippets";

// The dashboard's Webhook events page renders these snippets; docs/receiving-webhooks.md shows the
// same code, so a customer reading either gets the tested version.
describe("docs/receiving-webhooks.md", () => {
  const doc = readFileSync("docs/receiving-webhooks.md", "utf8");

  it("shows the dashboard's Node.js verification code, unchanged", () => {
    expect(doc, "copy NODE_SNIPPET into the js block").toContain("```js\n" + NODE_SNIPPET + "```");
  });

  it("shows the dashboard's Python verification code, unchanged", () => {
    expect(doc, "copy PYTHON_SNIPPET into the python block").toContain("```python\n" + PYTHON_SNIPPET + "```");
  });
});
