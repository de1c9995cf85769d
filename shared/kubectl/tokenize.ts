/**
 * Splits what a player types into words and pipeline stages, the way a POSIX shell would for
 * the subset a terminal needs: '...' is literal, "..." allows \" \\ \$ escapes, a backslash
 * outside quotes escapes the next character, and an unquoted `|` starts a new stage.
 * No variables, globs or redirections: `$` and `*` are passed through as typed.
 */
export type TokenizeResult = { ok: true; stages: string[][] } | { ok: false; error: string };

export function tokenize(line: string): TokenizeResult {
  const stages: string[][] = [[]];
  let word = "";
  let inWord = false;
  let i = 0;
  const flush = () => {
    if (inWord) stages[stages.length - 1].push(word);
    word = "";
    inWord = false;
  };
  while (i < line.length) {
    const ch = line[i];
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { ok: false, error: "unexpected EOF while looking for matching `''" };
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      i++;
      inWord = true;
      let closed = false;
      while (i < line.length) {
        const c = line[i];
        if (c === "\\" && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) {
          word += line[i + 1];
          i += 2;
        } else if (c === '"') {
          closed = true;
          i++;
          break;
        } else {
          word += c;
          i++;
        }
      }
      if (!closed) return { ok: false, error: 'unexpected EOF while looking for matching `"\'' };
    } else if (ch === "\\") {
      if (i + 1 < line.length) word += line[i + 1];
      inWord = true;
      i += 2;
    } else if (ch === "|") {
      flush();
      if (stages[stages.length - 1].length === 0) return { ok: false, error: "syntax error near unexpected token `|'" };
      stages.push([]);
      i++;
    } else if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r") {
      flush();
      i++;
    } else {
      word += ch;
      inWord = true;
      i++;
    }
  }
  flush();
  if (stages.length > 1 && stages[stages.length - 1].length === 0) {
    return { ok: false, error: "syntax error: unexpected end of file" };
  }
  return { ok: true, stages };
}
