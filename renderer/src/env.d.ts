// CSS is bundled by Vite; the import only needs to type-check.
declare module '*.css';
