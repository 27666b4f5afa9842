/**
 * Where JSON text goes wrong, the same in every JavaScript engine: `JSON.parse`
 * messages differ between V8 versions and some carry no position at all. Run
 * only after `JSON.parse` has failed.
 */
export interface JsonSyntaxError {
  /** 0-based offset in the text. */
  position: number;
  /** 1-based line and column. */
  line: number;
  column: number;
  message: string;
  /** The text ends in the middle of a value: a file that was cut short. */
  truncated: boolean;
}

const MAX_DEPTH = 512;

class Failure extends Error {
  constructor(
    readonly position: number,
    message: string,
    readonly truncated: boolean,
  ) {
    super(message);
  }
}

/** Line and column (1-based) of an offset. */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}

function describeChar(ch: string | undefined): string {
  if (ch === undefined) return 'the end of the file';
  if (ch === '\n' || ch === '\r') return 'a line break';
  return `"${ch}"`;
}

class Scanner {
  pos = 0;
  constructor(private readonly text: string) {}

  fail(message: string, at = this.pos): never {
    throw new Failure(at, message, at >= this.text.length);
  }

  end(message: string): never {
    throw new Failure(this.text.length, message, true);
  }

  ws(): void {
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos++;
      else break;
    }
  }

  peek(): string | undefined {
    return this.text[this.pos];
  }

  value(depth: number): void {
    if (depth > MAX_DEPTH) this.fail(`values are nested more than ${MAX_DEPTH} deep`);
    this.ws();
    const c = this.peek();
    if (c === undefined) this.end('the file ends where a value should be');
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return;
      }
      if (word.startsWith(this.text.slice(this.pos)) && this.pos < this.text.length) this.end('the file ends in the middle of a value');
    }
    if (c === "'") this.fail('text must be in double quotes, not single quotes');
    this.fail(`expected a value but found ${describeChar(c)}`);
  }

  object(depth: number): void {
    this.pos++; // {
    this.ws();
    if (this.peek() === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.ws();
      const c = this.peek();
      if (c === undefined) this.end('the file ends inside an object (a "}" is missing)');
      if (c === "'") this.fail('text must be in double quotes, not single quotes');
      if (c !== '"') this.fail(c === '}' ? 'a trailing comma before "}"' : `expected a property name in double quotes but found ${describeChar(c)}`);
      this.string();
      this.ws();
      const colon = this.peek();
      if (colon === undefined) this.end('the file ends after a property name');
      if (colon !== ':') this.fail(`expected ":" after the property name but found ${describeChar(colon)}`);
      this.pos++;
      this.value(depth + 1);
      this.ws();
      const next = this.peek();
      if (next === undefined) this.end('the file ends inside an object (a "}" is missing)');
      if (next === '}') {
        this.pos++;
        return;
      }
      if (next !== ',') this.fail(`expected "," or "}" after a property value but found ${describeChar(next)}`);
      this.pos++;
    }
  }

  array(depth: number): void {
    this.pos++; // [
    this.ws();
    if (this.peek() === ']') {
      this.pos++;
      return;
    }
    for (;;) {
      this.ws();
      if (this.peek() === ']') this.fail('a trailing comma before "]"');
      this.value(depth + 1);
      this.ws();
      const next = this.peek();
      if (next === undefined) this.end('the file ends inside a list (a "]" is missing)');
      if (next === ']') {
        this.pos++;
        return;
      }
      if (next !== ',') this.fail(`expected "," or "]" after a list item but found ${describeChar(next)}`);
      this.pos++;
    }
  }

  string(): void {
    const start = this.pos;
    this.pos++; // "
    for (;;) {
      const c = this.peek();
      if (c === undefined) throw new Failure(this.text.length, `the file ends inside the text that starts at ${describeOffset(this.text, start)}`, true);
      if (c === '"') {
        this.pos++;
        return;
      }
      if (c === '\\') {
        const e = this.text[this.pos + 1];
        if (e === undefined) this.end('the file ends inside a text value');
        if (e === 'u') {
          const hex = this.text.slice(this.pos + 2, this.pos + 6);
          if (hex.length < 4 && this.pos + 2 + hex.length >= this.text.length) this.end('the file ends inside a text value');
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('a \\u escape needs four hexadecimal digits');
          this.pos += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e)) this.fail(`"\\${e}" is not a valid escape in JSON text`);
        this.pos += 2;
        continue;
      }
      if (c.charCodeAt(0) < 0x20)
        this.fail(c === '\n' || c === '\r' ? 'a line break inside a text value (is a closing " missing?)' : 'a control character inside a text value');
      this.pos++;
    }
  }

  number(): void {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.text.slice(this.pos, this.pos + 400));
    if (!m || m[0] === '-') {
      if (this.pos + (m?.[0].length ?? 0) >= this.text.length) this.end('the file ends in the middle of a number');
      this.fail('not a valid number');
    }
    this.pos += m[0].length;
    const after = this.peek();
    if (after === '.' || after === 'e' || after === 'E') {
      if (this.pos + 1 >= this.text.length) this.end('the file ends in the middle of a number');
      this.fail('not a valid number');
    }
  }
}

function describeOffset(text: string, position: number): string {
  const { line, column } = lineAndColumn(text, position);
  return `line ${line}, column ${column}`;
}

/** The first syntax error in `text`, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const s = new Scanner(text);
  try {
    s.value(0);
    s.ws();
    if (s.pos < text.length) s.fail(`unexpected ${describeChar(text[s.pos])} after the end of the JSON`);
    return null;
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    const { line, column } = lineAndColumn(text, error.position);
    return { position: error.position, line, column, message: error.message, truncated: error.truncated };
  }
}
