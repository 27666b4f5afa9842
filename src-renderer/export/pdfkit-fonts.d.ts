// pdfkit's browser build takes its standard fonts (metrics only) as modules, registered before use.
declare module 'pdfkit/standard-fonts/*' {
  const font: { name: string };
  export default font;
}
