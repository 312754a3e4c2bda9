//! No component holds a user-facing literal: every text node and every user-facing attribute (`placeholder`,
//! `aria-label`, `title`, `alt`, `label`) in a `view!` comes from the catalogue, in both languages.
//!
//! It reads the sources of `src/ui` with a small lexer (strings, chars, comments and brace depth are enough for
//! the markup level of `view!`), so it needs no parser crate.

use std::path::{Path, PathBuf};

/// Attributes whose text a user reads or hears.
const USER_FACING_ATTRIBUTES: &[&str] = &[
    "placeholder",
    "aria-label",
    "aria-placeholder",
    "aria-roledescription",
    "aria-valuetext",
    "title",
    "alt",
    "label",
];

#[derive(Debug, PartialEq)]
enum Token {
    /// A string literal's contents (escapes left as written).
    Str(String),
    Open,
    Close,
    /// Any other character outside strings and comments.
    Other(char),
}

fn lex(source: &str) -> Vec<(usize, Token)> {
    let chars: Vec<char> = source.chars().collect();
    let mut line = 1;
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\n' => {
                line += 1;
                i += 1;
            }
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                    line += usize::from(chars[i] == '\n');
                    i += 1;
                }
                i += 2;
            }
            'r' if chars.get(i + 1) == Some(&'"') || chars.get(i + 1) == Some(&'#') => {
                // A raw string: r"…" or r#"…"#.
                let mut hashes = 0;
                let mut j = i + 1;
                while chars.get(j) == Some(&'#') {
                    hashes += 1;
                    j += 1;
                }
                if chars.get(j) != Some(&'"') {
                    tokens.push((line, Token::Other(c)));
                    i += 1;
                    continue;
                }
                let start_line = line;
                let mut text = String::new();
                j += 1;
                loop {
                    if chars[j] == '"' && (0..hashes).all(|k| chars.get(j + 1 + k) == Some(&'#')) {
                        j += 1 + hashes;
                        break;
                    }
                    line += usize::from(chars[j] == '\n');
                    text.push(chars[j]);
                    j += 1;
                }
                tokens.push((start_line, Token::Str(text)));
                i = j;
            }
            '"' => {
                let start_line = line;
                let mut text = String::new();
                i += 1;
                while chars[i] != '"' {
                    if chars[i] == '\\' {
                        text.push(chars[i]);
                        i += 1;
                    }
                    line += usize::from(chars[i] == '\n');
                    text.push(chars[i]);
                    i += 1;
                }
                tokens.push((start_line, Token::Str(text)));
                i += 1;
            }
            '\'' => {
                // A char literal ('x', '\n', '\u{..}') or a lifetime ('a).
                if chars.get(i + 2) == Some(&'\'') {
                    i += 3;
                } else if chars.get(i + 1) == Some(&'\\') {
                    i += 2;
                    while chars[i] != '\'' {
                        i += 1;
                    }
                    i += 1;
                } else {
                    i += 1;
                }
            }
            '{' => {
                tokens.push((line, Token::Open));
                i += 1;
            }
            '}' => {
                tokens.push((line, Token::Close));
                i += 1;
            }
            _ => {
                tokens.push((line, Token::Other(c)));
                i += 1;
            }
        }
    }
    tokens
}

/// The user-facing literals at the markup level of every `view!` in `source`: (line, text, where).
fn literals_in_views(source: &str) -> Vec<(usize, String, String)> {
    let tokens = lex(source);
    let mut found = Vec::new();
    let word = |k: usize, w: &str| {
        w.chars()
            .enumerate()
            .all(|(n, c)| matches!(tokens.get(k + n), Some((_, Token::Other(o))) if *o == c))
    };
    for start in 0..tokens.len() {
        // `view!` followed by `{`.
        if !word(start, "view!")
            || (start > 0
                && matches!(&tokens[start - 1].1, Token::Other(c) if c.is_alphanumeric() || *c == '_'))
        {
            continue;
        }
        let mut k = start + 5;
        while matches!(tokens.get(k), Some((_, Token::Other(c))) if c.is_whitespace()) {
            k += 1;
        }
        if !matches!(tokens.get(k), Some((_, Token::Open))) {
            continue;
        }
        let mut depth = 0;
        loop {
            match &tokens[k].1 {
                Token::Open => depth += 1,
                Token::Close => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                Token::Str(text) if depth == 1 && text.chars().any(|c| !c.is_whitespace()) => {
                    // The attribute this literal is the value of, if any: `name="…"` (spaces allowed around `=`).
                    let mut b = k;
                    while b > 0 && matches!(&tokens[b - 1].1, Token::Other(c) if c.is_whitespace())
                    {
                        b -= 1;
                    }
                    // An argument inside an attribute's expression (`class=format!("tier-{}", t)`) is code.
                    if matches!(&tokens[b - 1].1, Token::Other('(' | ',')) {
                        k += 1;
                        continue;
                    }
                    let attribute = if matches!(&tokens[b - 1].1, Token::Other('=')) {
                        let mut e = b - 1;
                        while e > 0
                            && matches!(&tokens[e - 1].1, Token::Other(c) if c.is_whitespace())
                        {
                            e -= 1;
                        }
                        let mut s = e;
                        while s > 0
                            && matches!(&tokens[s - 1].1, Token::Other(c) if c.is_alphanumeric() || "-_:".contains(*c))
                        {
                            s -= 1;
                        }
                        Some(
                            tokens[s..e]
                                .iter()
                                .filter_map(|(_, t)| match t {
                                    Token::Other(c) => Some(*c),
                                    _ => None,
                                })
                                .collect::<String>(),
                        )
                    } else {
                        None
                    };
                    match attribute {
                        None => found.push((tokens[k].0, text.clone(), "text".to_string())),
                        Some(name)
                            if USER_FACING_ATTRIBUTES
                                .contains(&name.trim_start_matches("attr:")) =>
                        {
                            found.push((tokens[k].0, text.clone(), name))
                        }
                        Some(_) => {}
                    }
                }
                _ => {}
            }
            k += 1;
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ui exists") {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_component_holds_a_user_facing_literal() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui"),
        &mut files,
    );
    files.sort();
    assert!(files.len() > 10, "the UI sources were found");
    let mut problems = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        for (line, text, place) in literals_in_views(&source) {
            problems.push(format!("{}:{line}: {place} {text:?}", file.display()));
        }
    }
    assert!(
        problems.is_empty(),
        "literals in views:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_check_finds_text_nodes_and_user_facing_attributes_but_not_code() {
    let source = r##"
        fn page() -> impl IntoView {
            let label = format!("{} items", 3); // a literal outside a view: not markup
            view! {
                <p class="hint" id="x">"Hello"</p>
                <input placeholder="Search" type="text" aria-label = "Name" />
                <span>{m.name} " · " {other}</span>
                <span>" "</span>
                <li class=format!("tier tier-{}", code) aria-current=now.then_some("step")>{m.tier}</li>
                {move || if on { "shown" } else { "hidden" }}
                {view! { <b title="Nested">{m.bold}</b> }}
            }
        }
    "##;
    let found: Vec<(String, String)> = literals_in_views(source)
        .into_iter()
        .map(|(_, t, p)| (p, t))
        .collect();
    assert_eq!(
        found,
        vec![
            ("text".to_string(), "Hello".to_string()),
            ("placeholder".to_string(), "Search".to_string()),
            ("aria-label".to_string(), "Name".to_string()),
            ("text".to_string(), " · ".to_string()),
            ("title".to_string(), "Nested".to_string()),
        ]
    );
}
