//! A parser for the small subset of Python literals a `.npy` header is written in: the header
//! is the `repr` of a dict such as `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }`.
//!
//! Accepted: strings in single or double quotes, `True`, `False`, `None`, decimal integers,
//! tuples, lists and dicts with string keys (what `ast.literal_eval` accepts for these). Every
//! input gives a value or an error message; nesting is bounded, so no input can exhaust the stack.

/// A parsed literal.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Literal {
    Str(String),
    Bool(bool),
    None,
    /// A decimal integer; `None` when it does not fit an `i128`.
    Int(Option<i128>),
    Tuple(Vec<Literal>),
    List(Vec<Literal>),
    /// Keys in order of appearance (a repeated key appears twice; the last one wins).
    Dict(Vec<(String, Literal)>),
}

/// The deepest nesting accepted (a structured dtype's descr nests three or four levels).
const MAX_DEPTH: usize = 32;

/// Parses `text` as one literal surrounded by optional whitespace.
pub(super) fn parse(text: &[u8]) -> Result<Literal, String> {
    let mut p = Parser { text, pos: 0 };
    let value = p.value(0)?;
    p.skip_space();
    if p.pos != text.len() {
        return Err(p.unexpected("the end of the header"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn unexpected(&self, wanted: &str) -> String {
        match self.peek() {
            Some(c) if c.is_ascii_graphic() => {
                format!(
                    "expected {wanted}, found '{}' at byte {}",
                    c as char, self.pos
                )
            }
            Some(c) => format!(
                "expected {wanted}, found byte 0x{c:02x} at byte {}",
                self.pos
            ),
            None => format!("expected {wanted}, found the end of the header"),
        }
    }

    /// Consumes `c` (after whitespace) if it is next.
    fn eat(&mut self, c: u8) -> bool {
        self.skip_space();
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Result<Literal, String> {
        if depth > MAX_DEPTH {
            return Err(format!("nesting deeper than {MAX_DEPTH} levels"));
        }
        self.skip_space();
        match self.peek() {
            Some(b'\'' | b'"') => self.string().map(Literal::Str),
            Some(b'(') => self.sequence(b')', depth).map(|(items, comma)| {
                // `(x)` is x itself; `(x,)` and `()` are tuples.
                if items.len() == 1 && !comma {
                    items.into_iter().next().unwrap_or(Literal::None)
                } else {
                    Literal::Tuple(items)
                }
            }),
            Some(b'[') => self
                .sequence(b']', depth)
                .map(|(items, _)| Literal::List(items)),
            Some(b'{') => self.dict(depth),
            Some(b'-' | b'+' | b'0'..=b'9') => self.int(),
            Some(c) if c.is_ascii_alphabetic() => self.name(),
            _ => Err(self.unexpected("a value")),
        }
    }

    /// Items up to `close`, and whether a comma followed the last one.
    fn sequence(&mut self, close: u8, depth: usize) -> Result<(Vec<Literal>, bool), String> {
        self.pos += 1; // the opening bracket
        let mut items = Vec::new();
        loop {
            if self.eat(close) {
                return Ok((items, true));
            }
            items.push(self.value(depth + 1)?);
            if self.eat(close) {
                return Ok((items, false));
            }
            if !self.eat(b',') {
                return Err(self.unexpected(&format!("',' or '{}'", close as char)));
            }
        }
    }

    fn dict(&mut self, depth: usize) -> Result<Literal, String> {
        self.pos += 1; // '{'
        let mut entries = Vec::new();
        loop {
            if self.eat(b'}') {
                return Ok(Literal::Dict(entries));
            }
            self.skip_space();
            if !matches!(self.peek(), Some(b'\'' | b'"')) {
                return Err(self.unexpected("a string key"));
            }
            let key = self.string()?;
            if !self.eat(b':') {
                return Err(self.unexpected("':'"));
            }
            entries.push((key, self.value(depth + 1)?));
            if self.eat(b'}') {
                return Ok(Literal::Dict(entries));
            }
            if !self.eat(b',') {
                return Err(self.unexpected("',' or '}'"));
            }
        }
    }

    /// A quoted string; a backslash keeps the next byte as it is (enough for the ASCII names
    /// headers hold). Bytes are read as Latin-1 (format 1.0 and 2.0) — for UTF-8 headers (3.0)
    /// only non-ASCII field names of structured dtypes differ, and those are rejected anyway.
    fn string(&mut self) -> Result<String, String> {
        let quote = self.text[self.pos];
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            match self.peek() {
                None => return Err(format!("unterminated string starting at byte {start}")),
                Some(c) if c == quote => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    match self.peek() {
                        Some(c) => out.push(c as char),
                        None => {
                            return Err(format!("unterminated string starting at byte {start}"));
                        }
                    }
                    self.pos += 1;
                }
                Some(c) => {
                    out.push(c as char);
                    self.pos += 1;
                }
            }
        }
    }

    /// A decimal integer, optionally signed (Python 2 headers may end it with `L`).
    fn int(&mut self) -> Result<Literal, String> {
        let negative = self.peek() == Some(b'-');
        if matches!(self.peek(), Some(b'-' | b'+')) {
            self.pos += 1;
        }
        let start = self.pos;
        let mut value: Option<i128> = Some(0);
        while let Some(d @ b'0'..=b'9') = self.peek() {
            value = value
                .and_then(|v| v.checked_mul(10))
                .and_then(|v| v.checked_add(i128::from(d - b'0')));
            self.pos += 1;
        }
        if self.pos == start {
            return Err(self.unexpected("a digit"));
        }
        if matches!(self.peek(), Some(b'L' | b'l')) {
            self.pos += 1;
        }
        Ok(Literal::Int(if negative {
            value.map(|v| -v)
        } else {
            value
        }))
    }

    /// `True`, `False` or `None`.
    fn name(&mut self) -> Result<Literal, String> {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_')
        {
            self.pos += 1;
        }
        match &self.text[start..self.pos] {
            b"True" => Ok(Literal::Bool(true)),
            b"False" => Ok(Literal::Bool(false)),
            b"None" => Ok(Literal::None),
            other => Err(format!(
                "unexpected name '{}' at byte {start}",
                String::from_utf8_lossy(other)
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_numpy_headers() {
        let h = parse(b"{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }      \n");
        assert_eq!(
            h.unwrap(),
            Literal::Dict(vec![
                ("descr".into(), Literal::Str("<f8".into())),
                ("fortran_order".into(), Literal::Bool(false)),
                (
                    "shape".into(),
                    Literal::Tuple(vec![Literal::Int(Some(3)), Literal::Int(Some(4))])
                ),
            ])
        );
        let one = parse(b"(5,)").unwrap();
        assert_eq!(one, Literal::Tuple(vec![Literal::Int(Some(5))]));
        assert_eq!(parse(b"()").unwrap(), Literal::Tuple(vec![]));
        assert_eq!(parse(b"(5)").unwrap(), Literal::Int(Some(5)));
        let structured = parse(b"[('a', '<i4'), (\"b\", '<f8', (2,))]").unwrap();
        assert!(matches!(structured, Literal::List(ref v) if v.len() == 2));
    }

    #[test]
    fn rejects_malformed_text() {
        for bad in [
            &b""[..],
            b"{",
            b"{'a' 1}",
            b"{'a': 1,, }",
            b"{1: 2}",
            b"'open",
            b"(1, 2",
            b"-",
            b"Truth",
            b"{'a': 1} x",
            b"\xff",
        ] {
            assert!(parse(bad).is_err(), "{:?}", String::from_utf8_lossy(bad));
        }
        let deep = "(".repeat(10_000);
        assert!(parse(deep.as_bytes()).unwrap_err().contains("nesting"));
        let huge = parse(b"123456789012345678901234567890123456789012345").unwrap();
        assert_eq!(huge, Literal::Int(None));
    }
}
