import ts from 'typescript'

/** Attributes whose value a reader sees or hears: they must come from src/i18n, never a literal. */
export const TEXT_ATTRIBUTES = ['aria-label', 'aria-description', 'title', 'alt', 'placeholder']

/**
 * Props of our own components (a capitalised tag: `<ErrorPanel title=…>`, `<extras.ReadMark …>`) and
 * properties of object literals (`{ eyebrow: 'Section' }`) whose names say they hold words for the reader.
 */
export const TEXT_PROPS = ['label', 'message', 'title', 'heading', 'description', 'text', 'eyebrow']

/** Functions whose arguments become interface text: the document's title, an error's message. */
const TEXT_CALLS: Record<string, number[] | 'all'> = {
  useDocumentTitle: 'all',
  documentTitle: 'all',
  // new ApiError(kind, message, url, …): the message is shown under the failed part's title.
  ApiError: [1],
}

/** Text a reader would read: it holds a letter, in any script. Symbols and punctuation ("×", " · ") may stay. */
const HAS_LETTER = /\p{L}/u
/** A returned string that reads as words ("Try again later."), not a key ('cancelled') or a class name. */
const SENTENCE = /\p{Lu}\p{L}*\s+\p{L}|\p{L}\s+\p{L}.*[.!?…]$/u

export interface InterfaceText {
  file: string
  line: number
  text: string
}

/**
 * The interface text written into a source file instead of taken from src/i18n:
 * - JSX text with a letter;
 * - a string or template literal with one in a text attribute (TEXT_ATTRIBUTES) of any element, or a
 *   text prop (TEXT_PROPS) of one of our components;
 * - one in an expression shown as a child (`{busy ? 'Retrying…' : 'Retry'}`);
 * - one passed to a function that turns it into text (TEXT_CALLS), or given to an object literal's
 *   text property (TEXT_PROPS);
 * - one returned from a function (`return '…'`, or an arrow's body) when it reads as a sentence.
 * A literal counts through conditionals, `??`, `||`, `&&`, parentheses, and a `const` of the same file
 * (`const MESSAGE = '…'` used in one of those places). Other attributes (className, href, key), code
 * inside a child expression that is not shown (a comparison, a call's argument) and keys are not text.
 */
export function findInterfaceText(file: string, source: string): InterfaceText[] {
  const sourceFile = ts.createSourceFile(
    file,
    source,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  )
  const found: InterfaceText[] = []
  const reported = new Set<ts.Node>()
  const report = (node: ts.Node, text: string) => {
    // A const's literal is reported once, however many places show it.
    if (reported.has(node)) return
    reported.add(node)
    const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile))
    found.push({ file, line: line + 1, text: text.trim() })
  }

  // The file's `const NAME = <expression>`, to follow a name to the literal it holds.
  const consts = new Map<string, ts.Expression>()
  const collect = (node: ts.Node) => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer &&
      ts.isVariableDeclarationList(node.parent) &&
      node.parent.flags & ts.NodeFlags.Const
    ) {
      consts.set(node.name.text, node.initializer)
    }
    ts.forEachChild(node, collect)
  }
  collect(sourceFile)

  /** The literals an expression may evaluate to that `shown` accepts (by default: any with a letter). */
  const shownLiterals = (
    node: ts.Expression,
    shown = (text: string) => HAS_LETTER.test(text),
    seen = new Set<string>(),
  ): void => {
    const again = (next: ts.Expression) => shownLiterals(next, shown, seen)
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (shown(node.text)) report(node, node.text)
    } else if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)]
      if (shown(parts.join(' '))) report(node, node.getText(sourceFile))
    } else if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) {
      again(node.expression)
    } else if (ts.isConditionalExpression(node)) {
      again(node.whenTrue)
      again(node.whenFalse)
    } else if (
      ts.isBinaryExpression(node) &&
      [
        ts.SyntaxKind.QuestionQuestionToken,
        ts.SyntaxKind.BarBarToken,
        ts.SyntaxKind.AmpersandAmpersandToken,
        ts.SyntaxKind.PlusToken,
      ].includes(node.operatorToken.kind)
    ) {
      again(node.left)
      again(node.right)
    } else if (ts.isIdentifier(node) && consts.has(node.text) && !seen.has(node.text)) {
      seen.add(node.text)
      again(consts.get(node.text)!)
    }
  }

  /** The name a call or `new` is made by: `useDocumentTitle(…)`, `new ApiError(…)`. */
  const calleeName = (node: ts.CallExpression | ts.NewExpression) =>
    ts.isIdentifier(node.expression) ? node.expression.text : undefined

  /** Whether a JSX attribute belongs to one of our components rather than an HTML element. */
  const onComponent = (node: ts.JsxAttribute) => {
    const tag = node.parent.parent.tagName.getText(sourceFile)
    return /^[A-Z]/.test(tag) || tag.includes('.')
  }

  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      if (HAS_LETTER.test(node.text)) report(node, node.text)
    } else if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(sourceFile)
      const value = node.initializer
      const isText =
        TEXT_ATTRIBUTES.includes(name) || (TEXT_PROPS.includes(name) && onComponent(node))
      if (isText && value) {
        if (ts.isStringLiteral(value)) shownLiterals(value)
        else if (ts.isJsxExpression(value) && value.expression) shownLiterals(value.expression)
      }
    } else if (
      ts.isJsxExpression(node) &&
      node.expression &&
      (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))
    ) {
      shownLiterals(node.expression)
    } else if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const args = TEXT_CALLS[calleeName(node) ?? '']
      node.arguments?.forEach((arg, i) => {
        if (args === 'all' || args?.includes(i)) shownLiterals(arg)
      })
    } else if (ts.isPropertyAssignment(node)) {
      const name = ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) ? node.name.text : ''
      if (TEXT_PROPS.includes(name)) shownLiterals(node.initializer)
    } else if (ts.isReturnStatement(node) && node.expression) {
      shownLiterals(node.expression, (text) => SENTENCE.test(text))
    } else if (ts.isArrowFunction(node) && !ts.isBlock(node.body)) {
      shownLiterals(node.body, (text) => SENTENCE.test(text))
    }
    ts.forEachChild(node, visit)
  }
  visit(sourceFile)
  return found
}
