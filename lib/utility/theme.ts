/** The brand colour (brand-700 in app/globals.css): browser chrome, the manifest, charts. */
export const THEME_COLOR = '#174c99';
