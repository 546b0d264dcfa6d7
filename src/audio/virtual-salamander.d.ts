// Provided by vite-plugin-salamander.ts: [file name, URL] of each Salamander piano sample.
declare module 'virtual:salamander-piano' {
  const files: [string, string][];
  export default files;
}
