/** The two parts of locales/vi.json that apps/web/vite.config.ts serves (the first screen's sections, and the rest). */
declare module 'virtual:dth-words/first' {
  const words: Record<string, unknown>;
  export default words;
}
declare module 'virtual:dth-words/rest' {
  const words: Record<string, unknown>;
  export default words;
}
