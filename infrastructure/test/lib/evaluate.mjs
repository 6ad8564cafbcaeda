// A small evaluator of the Terraform expressions IAM policy documents use: string templates,
// references (var., local., data.<type>.<name>.<attribute>, for-expression variables), lists,
// [for x in list : expr] and concat(). Anything else throws, so a policy the evaluator cannot
// read fails the check instead of passing unread.

/**
 * Evaluates value (a hcl2json value: a string template, a list of them) with lookup(path) giving
 * the value of a reference path such as "var.lake_bucket_arn" or "local.glue_table_arns".
 */
export function evaluate(value, lookup) {
  if (Array.isArray(value)) return value.flatMap((item) => toList(evaluate(item, lookup)));
  if (typeof value !== "string") throw new Error(`cannot evaluate ${JSON.stringify(value)}`);
  return new Parser(value, lookup, new Map()).template(null);
}

function toList(value) {
  return Array.isArray(value) ? value : [value];
}

class Parser {
  constructor(text, lookup, scope) {
    this.text = text;
    this.at = 0;
    this.lookup = lookup;
    this.scope = scope;
  }

  fail(what) {
    throw new Error(`cannot evaluate ${JSON.stringify(this.text)}: ${what} at ${this.at}`);
  }

  /** A template up to the closing quote (or the end when until is null); a lone "${x}" keeps x's type. */
  template(until) {
    const parts = [];
    let literal = "";
    while (this.at < this.text.length && this.text[this.at] !== until) {
      if (this.text.startsWith("$${", this.at)) {
        literal += "${";
        this.at += 3;
      } else if (this.text.startsWith("${", this.at)) {
        if (literal) parts.push(literal);
        literal = "";
        this.at += 2;
        parts.push({ value: this.expression() });
        this.skipSpace();
        this.expect("}");
      } else if (this.text.startsWith("%{", this.at)) {
        this.fail("template directives are not supported");
      } else if (until !== null && this.text[this.at] === "\\") {
        literal += this.text[this.at + 1];
        this.at += 2;
      } else {
        literal += this.text[this.at++];
      }
    }
    if (until !== null) this.expect(until);
    if (literal) parts.push(literal);
    if (parts.length === 1 && typeof parts[0] === "object") return parts[0].value;
    return parts.map((p) => {
      if (typeof p === "string") return p;
      if (typeof p.value !== "string") this.fail("a list inside a string");
      return p.value;
    }).join("");
  }

  expression() {
    this.skipSpace();
    const c = this.text[this.at];
    if (c === '"') {
      this.at++;
      return this.template('"');
    }
    if (c === "[") return this.listOrFor();
    const name = this.identifier();
    this.skipSpace();
    if (this.text[this.at] === "(") return this.call(name);
    return this.reference(name);
  }

  listOrFor() {
    this.expect("[");
    this.skipSpace();
    if (/^for\s/.test(this.text.slice(this.at))) {
      this.at += 3;
      const variable = this.identifier();
      this.skipSpace();
      if (!this.text.startsWith("in", this.at)) this.fail('"in" expected');
      this.at += 2;
      const source = this.expression();
      this.skipSpace();
      this.expect(":");
      const start = this.at;
      // Evaluate the body once per item, each time in a scope where the variable names it.
      const items = toList(source).map((item) => {
        this.at = start;
        this.scope = new Map(this.scope).set(variable, item);
        const result = this.expression();
        this.scope.delete(variable);
        return result;
      });
      if (items.length === 0) this.skipExpression(start);
      this.skipSpace();
      if (this.text[this.at] === "i") this.fail("for-expression conditions are not supported");
      this.expect("]");
      return items;
    }
    const items = [];
    while (this.text[this.at] !== "]") {
      items.push(this.expression());
      this.skipSpace();
      if (this.text[this.at] === ",") this.at++;
      this.skipSpace();
    }
    this.expect("]");
    return items;
  }

  /** With nothing to iterate, still moves past the body (it is parsed with a placeholder). */
  skipExpression(start) {
    this.at = start;
    const saved = this.lookup;
    this.lookup = () => "";
    this.scope = new Map(this.scope);
    try {
      this.expression();
    } finally {
      this.lookup = saved;
    }
  }

  call(name) {
    this.expect("(");
    const args = [];
    this.skipSpace();
    while (this.text[this.at] !== ")") {
      args.push(this.expression());
      this.skipSpace();
      if (this.text[this.at] === ",") this.at++;
      this.skipSpace();
    }
    this.expect(")");
    if (name === "concat") return args.flatMap(toList);
    return this.fail(`function ${name}() is not supported`);
  }

  reference(first) {
    const path = [first];
    while (this.text[this.at] === ".") {
      this.at++;
      path.push(this.identifier());
    }
    if (this.scope.has(first) && path.length === 1) return this.scope.get(first);
    const value = this.lookup(path.join("."));
    if (value === undefined) this.fail(`unknown reference ${path.join(".")}`);
    return value;
  }

  identifier() {
    this.skipSpace();
    const match = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.text.slice(this.at));
    if (!match) this.fail("a name expected");
    this.at += match[0].length;
    return match[0];
  }

  skipSpace() {
    while (/\s/.test(this.text[this.at] ?? "")) this.at++;
  }

  expect(c) {
    if (this.text[this.at] !== c) this.fail(`"${c}" expected`);
    this.at++;
  }
}
