/** The wire protocol shared by client, server and bots (docs/protocol.md). */
export * from "./names.ts";
export * from "./messages.ts";
export * from "./sanitize.ts";
export * from "./view.ts";
export * from "./leaderboard.ts";
export * from "./state.ts";
