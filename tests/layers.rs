//! The layers of `src/` import only downwards: no top-level module (a file
//! or a folder directly under `src/`) uses another that uses it back,
//! directly or through others. A child using its parent's items
//! (`super::…`) inside one folder is no import between modules.
//!
//! The imports are read from the source: every `crate::` path outside
//! comments and literals, in `use` declarations and inline (`crate::x::f()`),
//! in test code too. A loop found is reported with every import that makes
//! it, file and line, so that the one to turn around is easy to see.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// One import of a module by another: where it is written.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Import {
    file: String,
    line: usize,
}

/// The top-level modules each top-level module imports, with the places
/// that import them.
type Graph = BTreeMap<String, BTreeMap<String, Vec<Import>>>;

#[test]
fn top_level_modules_import_only_downwards() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = graph(&src);
    assert!(graph.len() > 10, "too few modules read: {:?}", graph.keys());
    let loops = loops(&graph);
    let mut report = String::new();
    for members in &loops {
        report.push_str(&format!("\nimport loop among {}:\n", members.join(", ")));
        for from in members {
            for (to, places) in &graph[from] {
                if members.contains(to) {
                    let mut at: Vec<String> = places
                        .iter()
                        .take(3)
                        .map(|p| format!("{}:{}", p.file, p.line))
                        .collect();
                    if places.len() > 3 {
                        at.push(format!("{} more", places.len() - 3));
                    }
                    report.push_str(&format!("  {from} -> {to}  ({})\n", at.join(", ")));
                }
            }
        }
    }
    assert!(loops.is_empty(), "{report}");
}

#[test]
fn the_reader_sees_every_form_of_import() {
    let text = r##"
//! A header naming [`crate::doc_only`].
use crate::alpha::One;
use crate::{beta, gamma::{Two, Three}};
use std::fmt; // crate::in_a_comment
/* crate::in_a_block /* nested crate::deeper */ */
fn f<'a>(x: &'a str) -> char {
    let _ = "crate::in_a_string";
    let _ = r#"crate::in_a_raw_string"#;
    crate::delta::run();
    let _ = (super::sibling, self::inner);
    '"'
}
"##;
    let found: Vec<String> = imports(text).into_iter().map(|(m, _)| m).collect();
    assert_eq!(found, ["alpha", "beta", "gamma", "delta"]);
}

/// Reads every `.rs` file under `src` into the graph of its top-level
/// modules. `lib.rs` and `main.rs` are the root, no module.
fn graph(src: &Path) -> Graph {
    let mut graph = Graph::new();
    for path in files(src) {
        let relative = path.strip_prefix(src).unwrap();
        let first = relative.components().next().unwrap();
        let first = first.as_os_str().to_string_lossy();
        let module = first.strip_suffix(".rs").unwrap_or(&first).to_string();
        if module == "lib" || module == "main" {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        let entry = graph.entry(module.clone()).or_default();
        for (to, line) in imports(&text) {
            if to != module {
                let file = format!("src/{}", relative.display());
                entry.entry(to).or_default().push(Import { file, line });
            }
        }
    }
    graph
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The top-level modules `text` names after `crate::`, each with its line,
/// in order; comments, strings and character literals are passed over.
fn imports(text: &str) -> Vec<(String, usize)> {
    let code = code_only(text);
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(found) = code[at..].find("crate::") {
        let start = at + found;
        at = start + "crate::".len();
        // `$crate::` and `crate::` after a path separator or an ident are
        // not the crate root of this crate's code.
        let before = start.checked_sub(1).map(|i| bytes[i]);
        if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b':' || b == b'$')
        {
            continue;
        }
        let line = code[..start].matches('\n').count() + 1;
        let rest = &code[at..];
        if let Some(group) = rest.strip_prefix('{') {
            for name in group_heads(group) {
                out.push((name, line));
            }
        } else if let Some(name) = ident(rest) {
            out.push((name, line));
        }
    }
    out
}

/// The first name of each path in a `{…}` group (the text after `{`).
fn group_heads(group: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut expect = true;
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => expect = true,
            c if expect && !c.is_whitespace() => {
                expect = false;
                if let Some(name) = ident(&group[i..]) {
                    heads.push(name);
                }
            }
            _ => {}
        }
    }
    heads
}

fn ident(text: &str) -> Option<String> {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    (end > 0).then(|| text[..end].to_string())
}

/// `text` with comments, string literals and character literals blanked
/// out (line breaks kept, so that lines still count).
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
        } else if c == 'r'
            && matches!(next, Some('"' | '#'))
            && !ident_char(chars.get(i.wrapping_sub(1)))
        {
            // A raw string: r"…", r#"…"#, with as many hashes to close.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                match chars.get(j) {
                    None => break,
                    Some('"') if (1..=hashes).all(|k| chars.get(j + k) == Some(&'#')) => {
                        j += 1 + hashes;
                        break;
                    }
                    Some(&ch) => {
                        blank(&mut out, ch);
                        j += 1;
                    }
                }
            }
            i = j;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                if let Some(&ch) = chars.get(i) {
                    blank(&mut out, ch);
                }
                i += 1;
            }
            i += 1;
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{1b}'), not a lifetime.
            let end = match (next, chars.get(i + 2)) {
                (Some('\\'), _) => chars[i + 2..]
                    .iter()
                    .position(|&ch| ch == '\'')
                    .map(|p| i + 2 + p),
                (Some(_), Some('\'')) => Some(i + 2),
                _ => None,
            };
            match end {
                Some(end) => i = end + 1,
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_char(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_')
}

/// The strongly connected components of more than one module (Tarjan),
/// each sorted: the loops.
fn loops(graph: &Graph) -> Vec<Vec<String>> {
    struct Walk<'g> {
        graph: &'g Graph,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        found: Vec<Vec<String>>,
    }
    impl<'g> Walk<'g> {
        fn visit(&mut self, v: &'g str) {
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            self.on_stack.insert(v);
            let targets: Vec<&'g str> = self
                .graph
                .get(v)
                .map(|m| m.keys().map(String::as_str).collect())
                .unwrap_or_default();
            for w in targets {
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.on_stack.contains(w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut members = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    members.push(w.to_string());
                    if w == v {
                        break;
                    }
                }
                if members.len() > 1 {
                    members.sort();
                    self.found.push(members);
                }
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !walk.index.contains_key(v.as_str()) {
            walk.visit(v);
        }
    }
    walk.found
}
