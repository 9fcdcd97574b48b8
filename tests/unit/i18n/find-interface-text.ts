import ts from 'typescript'

/** Attributes whose value a reader sees or hears: they must come from src/i18n, never a literal. */
export const TEXT_ATTRIBUTES = ['aria-label', 'aria-description', 'title', 'alt', 'placeholder']

/** Text a reader would read: it holds a letter, in any script. Symbols and punctuation ("×", " · ") may stay. */
const HAS_LETTER = /\p{L}/u

export interface InterfaceText {
  file: string
  line: number
  text: string
}

/**
 * The interface text written into a .tsx file instead of taken from src/i18n: JSX text with a letter, a
 * string or template literal with one in a text attribute (TEXT_ATTRIBUTES), and a literal with one in an
 * expression shown as a child (`{busy ? 'Retrying…' : 'Retry'}`). Other attributes (className, href, key)
 * and code inside a child expression that is not shown (a comparison, a call's argument) are not text.
 */
export function findInterfaceText(file: string, source: string): InterfaceText[] {
  const sourceFile = ts.createSourceFile(
    file,
    source,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  )
  const found: InterfaceText[] = []
  const report = (node: ts.Node, text: string) => {
    const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile))
    found.push({ file, line: line + 1, text: text.trim() })
  }

  /** The literals an expression may evaluate to: through conditionals, `??`, `||`, `&&` and parentheses. */
  const shownLiterals = (node: ts.Expression) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (HAS_LETTER.test(node.text)) report(node, node.text)
    } else if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)]
      if (parts.some((part) => HAS_LETTER.test(part))) report(node, node.getText(sourceFile))
    } else if (ts.isParenthesizedExpression(node)) {
      shownLiterals(node.expression)
    } else if (ts.isConditionalExpression(node)) {
      shownLiterals(node.whenTrue)
      shownLiterals(node.whenFalse)
    } else if (
      ts.isBinaryExpression(node) &&
      [
        ts.SyntaxKind.QuestionQuestionToken,
        ts.SyntaxKind.BarBarToken,
        ts.SyntaxKind.AmpersandAmpersandToken,
      ].includes(node.operatorToken.kind)
    ) {
      shownLiterals(node.left)
      shownLiterals(node.right)
    }
  }

  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      if (HAS_LETTER.test(node.text)) report(node, node.text)
    } else if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(sourceFile)
      const value = node.initializer
      if (TEXT_ATTRIBUTES.includes(name) && value) {
        if (ts.isStringLiteral(value)) shownLiterals(value)
        else if (ts.isJsxExpression(value) && value.expression) shownLiterals(value.expression)
      }
    } else if (
      ts.isJsxExpression(node) &&
      node.expression &&
      (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))
    ) {
      shownLiterals(node.expression)
    }
    ts.forEachChild(node, visit)
  }
  visit(sourceFile)
  return found
}
