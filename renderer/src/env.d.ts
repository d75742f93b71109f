// CSS is bundled by Vite; the import only needs to type-check.
declare module '*.css';
// `?raw` gives a stylesheet's text (the theme contrast test reads the colour variables from it).
declare module '*.css?raw' {
  const text: string;
  export default text;
}
