//! Name search over an in-memory index, and the caseload summary shown beside each name.
//!
//! Names never go into IndexedDB indexes, so search runs here, over names folded once when the list loads:
//! case-insensitive, full-width letters as ASCII, half-width katakana as full-width, katakana as hiragana, and
//! spaces ignored, so "yamada", "ﾔﾏﾀﾞ", "ヤマダ", "やまだ" and "山田 花子" all find what a person would expect.

use crate::domain::case::CaseStatus;
use crate::domain::client::Client;
use crate::domain::ids::Id;
use crate::domain::phase::Phase;
use crate::domain::risk::Tier;
use crate::domain::validation::fold_width;
use chrono::NaiveDate;
use std::collections::HashMap;

/// Folds text for matching: lower case, ASCII for full-width forms, hiragana for katakana, no whitespace.
pub fn fold(text: &str) -> String {
    fold_width(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            // Katakana ァ (U+30A1) to ヶ (U+30F6) sit 0x60 above their hiragana counterparts.
            '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// What the caseload list needs to know about one case, read from IndexedDB indexes alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseRef {
    pub id: Id,
    pub client_id: Id,
    pub status: CaseStatus,
    pub phase: Phase,
    pub tier: Option<Tier>,
    pub opened_on: NaiveDate,
}

impl CaseRef {
    /// What the caseload knows of a case, as its stored envelope would say it.
    pub fn of(case: &crate::domain::case::Case) -> CaseRef {
        CaseRef {
            id: case.id,
            client_id: case.client_id,
            status: case.status,
            phase: case.phase,
            tier: case.tier(),
            opened_on: case.details.opened_on,
        }
    }
}

/// One row of the caseload list.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientRow {
    pub client: Client,
    pub open_cases: usize,
    /// The phase of the most recently opened open case.
    pub current_phase: Option<Phase>,
    /// The highest tier among the open cases.
    pub highest_tier: Option<Tier>,
}

/// The caseload: every client with their open-case summary, sorted by name, searchable by name.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Caseload {
    rows: Vec<ClientRow>,
    folded: Vec<String>,
}

impl Caseload {
    pub fn new(clients: Vec<Client>, open_cases: &[CaseRef]) -> Caseload {
        let mut by_client: HashMap<Id, (usize, Option<&CaseRef>, Option<Tier>)> = HashMap::new();
        for case in open_cases.iter().filter(|c| c.status == CaseStatus::Open) {
            let entry = by_client.entry(case.client_id).or_insert((0, None, None));
            entry.0 += 1;
            if entry
                .1
                .is_none_or(|latest| case.opened_on >= latest.opened_on)
            {
                entry.1 = Some(case);
            }
            entry.2 = entry.2.max(case.tier);
        }
        let mut rows: Vec<(String, String, ClientRow)> = clients
            .into_iter()
            .map(|client| {
                let (open_cases, latest, highest_tier) = by_client
                    .get(&client.id)
                    .copied()
                    .unwrap_or((0, None, None));
                let d = &client.details;
                let optional =
                    |text: &Option<String>| text.as_deref().map(fold).unwrap_or_default();
                let name = fold(&d.full_name);
                let reading = optional(&d.name_reading);
                // A name sorts by its reading when it has one (山田 under や), else as written.
                let order = if reading.is_empty() {
                    name.clone()
                } else {
                    reading.clone()
                };
                let key = format!("{name}\u{1F}{reading}\u{1F}{}", optional(&d.preferred_name));
                let row = ClientRow {
                    client,
                    open_cases,
                    current_phase: latest.map(|c| c.phase),
                    highest_tier,
                };
                (order, key, row)
            })
            .collect();
        crate::domain::order::sort_by(&mut rows, |a, b| {
            a.0.cmp(&b.0)
                .then_with(|| a.2.client.id.cmp(&b.2.client.id))
        });
        let (folded, rows) = rows.into_iter().map(|(_, key, row)| (key, row)).unzip();
        Caseload { rows, folded }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Rows whose full name, reading or preferred name contains the query, in name order. An empty query matches
    /// everyone.
    pub fn search<'a>(&'a self, query: &str) -> impl Iterator<Item = &'a ClientRow> + 'a {
        let needle = fold(query);
        self.rows
            .iter()
            .zip(&self.folded)
            .filter(move |(_, key)| key.contains(&needle))
            .map(|(row, _)| row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::client::ClientDetails;
    use chrono::Utc;

    fn client(n: u8, full: &str, preferred: Option<&str>) -> Client {
        let now = Utc::now();
        Client {
            id: Id::from_random_bytes([n; 16]),
            details: ClientDetails {
                full_name: full.into(),
                name_reading: None,
                name_parts: None,
                preferred_name: preferred.map(Into::into),
                date_of_birth: None,
                gender: None,
                preferred_language: None,
                phone: None,
                email: None,
                address: None,
                support_contact: None,
                consent: None,
            },
            created_at: now,
            updated_at: now,
        }
    }

    fn case(n: u8, client: u8, status: CaseStatus, phase: Phase, day: u32) -> CaseRef {
        CaseRef {
            id: Id::from_random_bytes([100 + n; 16]),
            client_id: Id::from_random_bytes([client; 16]),
            status,
            phase,
            tier: [Some(Tier::Low), Some(Tier::High), Some(Tier::Urgent)][n as usize % 3],
            opened_on: NaiveDate::from_ymd_opt(2026, 1, day).unwrap(),
        }
    }

    fn names(caseload: &Caseload, query: &str) -> Vec<String> {
        caseload
            .search(query)
            .map(|r| r.client.details.full_name.clone())
            .collect()
    }

    #[test]
    fn folding() {
        assert_eq!(fold("Ana LIMA"), "analima");
        assert_eq!(fold("ＡＮＡ　ｌｉｍａ"), "analima");
        assert_eq!(fold("ヤマダ ハナコ"), "やまだはなこ");
        assert_eq!(fold("山田 花子"), "山田花子");
        assert_eq!(fold("Ólafur"), "ólafur");
    }

    #[test]
    fn names_sort_by_their_reading_and_are_found_by_a_prefix_of_it() {
        let reading = |n: u8, full: &str, kana: &str| {
            let mut c = client(n, full, None);
            c.details.name_reading = Some(kana.into());
            c
        };
        let caseload = Caseload::new(
            vec![
                reading(1, "渡辺 健", "わたなべ けん"),
                reading(2, "青木 空", "アオキ ソラ"),
                client(3, "Ana Lima", None),
                client(4, "山田 花子", None),
            ],
            &[],
        );
        // By code point 渡 sorts before 青; by reading あ comes before わ. Without a reading, as written.
        assert_eq!(
            names(&caseload, ""),
            ["Ana Lima", "青木 空", "渡辺 健", "山田 花子"]
        );
        assert_eq!(names(&caseload, "あお"), ["青木 空"]);
        assert_eq!(names(&caseload, "ﾜﾀﾅﾍﾞ"), ["渡辺 健"]);
    }

    #[test]
    fn half_width_katakana_hiragana_and_katakana_fold_alike() {
        assert_eq!(fold("ﾔﾏﾀﾞ ﾊﾅｺ"), fold("やまだ はなこ"));
        assert_eq!(fold("ﾔﾏﾀﾞ"), fold("ヤマダ"));
        assert_eq!(fold("ﾊﾟﾝ ｳﾞｧ ｶﾞｯｺｳ"), fold("ぱん ゔぁ がっこう"));
        assert_eq!(fold("ｷｬｯﾁｰ"), fold("キャッチー"));
        // A mark with nothing to join keeps the kana as it is.
        assert_eq!(fold("ﾏﾞ"), fold("ま"));
        assert_eq!(fold("ＹＡＭＡＤＡ"), "yamada");
    }

    #[test]
    fn search_is_case_insensitive_for_latin_and_japanese_names() {
        let caseload = Caseload::new(
            vec![
                client(1, "Ana Lima", None),
                client(2, "山田 花子", Some("ヤマダ ハナコ")),
                client(3, "Bruno Costa", Some("Bru")),
            ],
            &[],
        );
        assert_eq!(
            names(&caseload, ""),
            ["Ana Lima", "Bruno Costa", "山田 花子"]
        );
        assert_eq!(names(&caseload, "LIM"), ["Ana Lima"]);
        assert_eq!(names(&caseload, "山田花子"), ["山田 花子"]);
        assert_eq!(names(&caseload, "やまだ"), ["山田 花子"]);
        assert_eq!(
            names(&caseload, "ﾊﾅｺ"),
            ["山田 花子"],
            "half-width kana folds"
        );
        assert_eq!(names(&caseload, "bru"), ["Bruno Costa"]);
        assert_eq!(names(&caseload, "zzz"), Vec::<String>::new());
    }

    #[test]
    fn rows_count_open_cases_and_show_the_latest_phase() {
        let caseload = Caseload::new(
            vec![client(1, "Ana Lima", None), client(2, "Bruno Costa", None)],
            &[
                // Tiers by number: 1 high, 3 low; the closed case 2 is urgent.
                case(1, 1, CaseStatus::Open, Phase::Planning, 3),
                case(3, 1, CaseStatus::Open, Phase::Assessment, 9),
                case(2, 1, CaseStatus::Closed, Phase::Evaluation, 20),
            ],
        );
        let rows: Vec<_> = caseload
            .search("")
            .map(|r| (r.open_cases, r.current_phase, r.highest_tier))
            .collect();
        assert_eq!(
            rows,
            vec![
                (2, Some(Phase::Assessment), Some(Tier::High)),
                (0, None, None)
            ],
            "the closed case's tier does not count"
        );
    }
}
