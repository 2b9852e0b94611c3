// Command-line strings as argv: Judge0 sends `command_line_arguments` and `compiler_options` as one string.
import { AirlockError } from '../../errors.js';

/**
 * Split like a POSIX shell splits words (quotes and backslashes), with no expansion of any kind:
 * the words become argv elements and never meet a shell.
 */
export function shellWords(text: string, field: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1]!)) word += text[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new AirlockError('AIRLOCK_ERR_BAD_ARGUMENT', `${field} has an unclosed ${quote} quote`);
  if (inWord) words.push(word);
  return words;
}
