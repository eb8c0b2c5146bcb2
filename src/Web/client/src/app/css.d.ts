// esbuild bundles imported stylesheets into the fingerprinted CSS file.
declare module '*.css';
declare module 'quill-cursors/css';
