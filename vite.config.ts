/**
 * The browser client's build: client/index.html → dist/client (served by the game server at "/").
 * Phaser goes into its own chunk (it is ~1.37 MB; STACK.md gotcha 9), the in-browser simulator
 * (shared/) into another, so the menu's code stays small and each chunk caches on its own.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root: `${root}client`,
  base: "/",
  publicDir: false,
  build: {
    outDir: `${root}dist/client`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: "phaser", test: /node_modules[\\/]phaser[\\/]/, priority: 30 },
            { name: "terminal", test: /node_modules[\\/](@xterm|@codemirror|codemirror|@lezer|crelt|style-mod|w3c-keyname)[\\/]/, priority: 20 },
            { name: "simulator", test: /[\\/]shared[\\/]|node_modules[\\/](zod|yaml)[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
  server: {
    fs: { allow: [root] },
    // `vite` for client work: the HTTP API goes to a game server on :2567; rooms connect to it directly.
    proxy: { "/api": "http://localhost:2567" },
  },
});
