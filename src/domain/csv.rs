//! CSV as spreadsheet programs read it safely: UTF-8 with a byte-order mark (so Excel shows Japanese text as
//! written), RFC 4180 quoting (a cell with a comma, a double quote or a line break is enclosed in double quotes, a
//! double quote inside doubled, records ended by CR LF), and every cell that a spreadsheet would take for a formula
//! neutralised: one starting with `=`, `+`, `-` or `@` (or a tab or carriage return, which some programs strip
//! before looking) is prefixed with an apostrophe, so it is shown as text and never run (OWASP's advice on CSV
//! injection). Export only: the app reads no CSV.

/// The UTF-8 byte-order mark, first in every file.
pub const BOM: char = '\u{feff}';

/// What a spreadsheet would read as the start of a formula.
fn looks_like_formula(text: &str) -> bool {
    matches!(
        text.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    )
}

/// One cell as written in the file: neutralised if it could run, quoted if it must be.
pub fn cell(text: &str) -> String {
    let text = if looks_like_formula(text) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// A whole file: the byte-order mark, the header row, then each row, every record ended by CR LF.
pub fn document<R: AsRef<[String]>>(header: &[&str], rows: &[R]) -> String {
    let mut out = String::new();
    out.push(BOM);
    let line = |cells: &mut dyn Iterator<Item = String>, out: &mut String| {
        out.push_str(&cells.collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    };
    line(&mut header.iter().map(|h| cell(h)), &mut out);
    for row in rows {
        line(&mut row.as_ref().iter().map(|c| cell(c)), &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_as_rfc_4180_says() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("佐藤 花子"), "佐藤 花子");
        assert_eq!(cell("Lima, Ana"), "\"Lima, Ana\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell("cr\rhere"), "\"cr\rhere\"");
        assert_eq!(cell(""), "");
    }

    #[test]
    fn a_cell_a_spreadsheet_would_run_is_neutralised() {
        for (typed, written) in [
            (
                "=HYPERLINK(\"http://x\")",
                "\"'=HYPERLINK(\"\"http://x\"\")\"",
            ),
            ("+81 90-1234-5678", "'+81 90-1234-5678"),
            ("-5", "'-5"),
            ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "\"'\r=1\""),
            ("=1,2", "\"'=1,2\""),
        ] {
            assert_eq!(cell(typed), written, "{typed:?}");
        }
        // Only the first character counts.
        assert_eq!(cell("a=b"), "a=b");
        assert_eq!(cell("5-3"), "5-3");
    }

    #[test]
    fn a_document_starts_with_the_bom_and_ends_each_record_with_crlf() {
        let rows = vec![
            vec!["佐藤 花子".to_string(), "=1+1".to_string()],
            vec!["Ana, Lima".to_string(), String::new()],
        ];
        let text = document(&["Name", "Note"], &rows);
        assert_eq!(
            text,
            "\u{feff}Name,Note\r\n佐藤 花子,'=1+1\r\n\"Ana, Lima\",\r\n"
        );
        assert!(text.as_bytes().starts_with(&[0xef, 0xbb, 0xbf]));
        let empty: Vec<Vec<String>> = vec![];
        assert_eq!(document(&["Only"], &empty), "\u{feff}Only\r\n");
    }
}
