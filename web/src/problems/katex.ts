// KaTeX and its stylesheet (fonts included, from this origin: the CSP allows no CDN), in a chunk of their own.
import 'katex/dist/katex.min.css';
import katex from 'katex';

export default katex;
