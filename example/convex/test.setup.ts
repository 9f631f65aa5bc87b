/// <reference types="vite/client" />
// Vite 8 does not match convex-test's documented extglob; this pair of globs does.
export const modules = import.meta.glob(['./**/*.*s', '!./**/*.*.*s']);
