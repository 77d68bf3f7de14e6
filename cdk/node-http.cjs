// node:http for the bundles, as CommonJS. Node 24 builds an ES module facade for a builtin by reading
// every export, and node:http's lazy WebSocket exports then load undici: an ESM `import "node:http"`
// (the AWS SDK's HTTP handler has one) costs 55-97 ms on its own on these machines against 4-10 ms for
// require(), and 23 ms of importing a bundle (bench/RESULTS.md). cdk/functions.ts aliases node:http to
// this file; the module is the same object either way.
/* global module */
module.exports = globalThis.process.getBuiltinModule("node:http");
