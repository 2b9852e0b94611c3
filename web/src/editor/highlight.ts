// Syntax colours as CSS variables, so one highlight style follows the light and dark themes (styles.css).
import { HighlightStyle } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';

/** The editor's token colours. */
export const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.moduleKeyword, t.operatorKeyword, t.definitionKeyword, t.modifier], color: 'var(--hl-keyword)' },
  { tag: [t.string, t.special(t.string), t.regexp, t.character], color: 'var(--hl-string)' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--hl-number)' },
  { tag: [t.comment, t.lineComment, t.blockComment, t.docComment], color: 'var(--hl-comment)', fontStyle: 'italic' },
  { tag: [t.function(t.variableName), t.function(t.propertyName), t.macroName], color: 'var(--hl-function)' },
  { tag: [t.typeName, t.className, t.namespace, t.standard(t.typeName)], color: 'var(--hl-type)' },
  { tag: [t.definition(t.variableName), t.definition(t.propertyName)], color: 'var(--hl-definition)' },
  { tag: [t.meta, t.processingInstruction, t.annotation], color: 'var(--hl-meta)' },
  { tag: [t.operator, t.punctuation], color: 'var(--hl-operator)' },
  { tag: t.invalid, color: 'var(--bad)' },
  { tag: t.strong, fontWeight: 'bold' },
  { tag: t.emphasis, fontStyle: 'italic' },
]);
