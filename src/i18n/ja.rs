//! The Japanese catalogue.
//!
//! Every instrument wording here is the app's own translation: no validated Japanese version is held with a source
//! to cite, so forms and results given in Japanese carry `unvalidated_translation` (the instrument's name does not:
//! it also names results given in English).

use super::*;
use crate::domain::era::{era_year, Era};
use chrono::{Datelike, Timelike};

const FREQUENCY: &[&str] = &["まったくない", "数日", "半分以上", "ほとんど毎日"];
const AHC_OFTEN: &[&str] = &[
    "よく当てはまる",
    "ときどき当てはまる",
    "まったく当てはまらない",
];
const AHC_SAFETY: &[&str] = &[
    "まったくない",
    "めったにない",
    "ときどきある",
    "かなりよくある",
    "頻繁にある",
];
const LACE_CONDITIONS: [&str; 14] = [
    "心筋梗塞の既往",
    "脳血管疾患",
    "末梢血管疾患",
    "合併症のない糖尿病",
    "うっ血性心不全",
    "臓器障害を伴う糖尿病",
    "慢性肺疾患",
    "軽度の肝疾患または腎疾患",
    "何らかの腫瘍（リンパ腫、白血病を含む）",
    "認知症",
    "結合組織疾患",
    "エイズ（後天性免疫不全症候群）",
    "中等度または重度の肝疾患または腎疾患",
    "転移性固形腫瘍",
];

const fn q(question: &'static str, options: &'static [&'static str]) -> ItemTexts {
    ItemTexts { question, options }
}

fn rule_text(rule: Rule, v: u32) -> String {
    match rule {
        Rule::Phq9Item9AboveZero => format!("PHQ-9 項目9 = {v} > 0"),
        Rule::Phq9AtLeast20 => format!("PHQ-9 {v} ≥ 20"),
        Rule::LaceAtLeast10 => format!("LACE {v} ≥ 10"),
        Rule::Phq9From15To19 => format!("PHQ-9 {v}（15–19の範囲）"),
        Rule::Gad7AtLeast15 => format!("GAD-7 {v} ≥ 15"),
        Rule::KatzUpTo2 => format!("Katz ADL {v} ≤ 2"),
        Rule::AhcSafetyPositive => format!("AHC 安全の合計 {v} > 10"),
        Rule::AhcThreeOrMoreDomains => format!("AHC 陽性領域 {v} ≥ 3"),
        Rule::LaceFrom5To9 => format!("LACE {v}（5–9の範囲）"),
        Rule::Phq9From10To14 => format!("PHQ-9 {v}（10–14の範囲）"),
        Rule::Gad7From10To14 => format!("GAD-7 {v}（10–14の範囲）"),
        Rule::KatzFrom3To5 => format!("Katz ADL {v}（3–5の範囲）"),
        Rule::LawtonUpTo5 => format!("Lawton IADL {v} ≤ 5"),
        Rule::AhcOneOrTwoDomains => format!("AHC 5領域中{v}領域が陽性（1–2）"),
    }
}

/// "2026年11月24日": year, month and day without zero padding.
fn japanese_date(date: chrono::NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

fn era_name(era: Era) -> &'static str {
    match era {
        Era::Meiji => "明治",
        Era::Taisho => "大正",
        Era::Showa => "昭和",
        Era::Heisei => "平成",
        Era::Reiwa => "令和",
    }
}

/// "昭和49年", with the era's first year written 元年: "令和元年".
fn japanese_era_year(date: chrono::NaiveDate) -> Option<String> {
    let (era, year) = era_year(date)?;
    Some(if year == 1 {
        format!("{}元年", era_name(era))
    } else {
        format!("{}{year}年", era_name(era))
    })
}

fn signed(delta: i64) -> String {
    if delta > 0 {
        format!("+{delta}")
    } else {
        delta.to_string()
    }
}

static PHQ9: InstrumentTexts = InstrumentTexts {
    name: "PHQ-9（抑うつ）",
    intro: "この2週間、利用者は次のような問題にどのくらいの頻度で悩まされていましたか？",
    items: &[
        q("1. 物事に対してほとんど興味がない、または楽しめない", FREQUENCY),
        q("2. 気分が落ち込む、憂うつになる、または絶望的な気持ちになる", FREQUENCY),
        q("3. 寝つきが悪い、途中で目が覚める、または逆に眠りすぎる", FREQUENCY),
        q("4. 疲れた感じがする、または気力がない", FREQUENCY),
        q("5. 食欲がない、または食べすぎる", FREQUENCY),
        q("6. 自分をだめだと感じる、または自分は失敗者だ、自分や家族をがっかりさせたと感じる", FREQUENCY),
        q("7. 新聞を読む、テレビを見るなどのことに集中できない", FREQUENCY),
        q("8. 他の人が気づくほど動きや話し方が遅い、または反対に、そわそわして落ち着かず、普段よりもかなり動き回っている", FREQUENCY),
        q("9. 死んだほうがよいと思う、または何らかの方法で自分を傷つけようと考える", FREQUENCY),
        q(
            "10. 上の問題のいずれかにチェックがついた場合、それらの問題によって、仕事をする、家のことをする、他の人とうまくやっていくことがどのくらい難しくなりましたか？（記録のみ、採点しません）",
            &["まったく難しくない", "やや難しい", "とても難しい", "極めて難しい"],
        ),
    ],
};

static GAD7: InstrumentTexts = InstrumentTexts {
    name: "GAD-7（不安）",
    intro: "この2週間、利用者は次の問題にどのくらいの頻度で悩まされていましたか？",
    items: &[
        q(
            "1. 神経質になる、不安になる、または神経が張りつめる",
            FREQUENCY,
        ),
        q(
            "2. 心配することを止められない、または心配をコントロールできない",
            FREQUENCY,
        ),
        q("3. いろいろなことを心配しすぎる", FREQUENCY),
        q("4. くつろぐことが難しい", FREQUENCY),
        q("5. じっと座っていられないほど落ち着かない", FREQUENCY),
        q("6. すぐに不快に感じたり、いらいらしたりする", FREQUENCY),
        q("7. 何か恐ろしいことが起こるのではないかと恐れる", FREQUENCY),
    ],
};

static AHC: InstrumentTexts = InstrumentTexts {
    name: "AHC 健康関連の社会的ニーズ（コア項目）",
    intro: "各質問は書かれているとおりに尋ねてください。質問7～10は安全に関するものです。暴力や虐待は多くの人に起こり、その人の健康に影響します。",
    items: &[
        q(
            "1. 現在の住まいの状況はどれですか？",
            &[
                "安定した住まいがある",
                "今は住む場所があるが、将来それを失うのではないかと心配している",
                "安定した住まいがない（他人の家、ホテル、シェルター、屋外、車の中などで過ごしている）",
            ],
        ),
        q(
            "2. 住んでいる場所について考えてください。次のいずれかに問題がありますか？（当てはまるものをすべてチェック）",
            &[
                "虫、アリ、ネズミなどの害虫・害獣",
                "カビ",
                "鉛を含む塗料または水道管",
                "暖房がない",
                "オーブンやコンロが使えない",
                "煙感知器がない、または作動しない",
                "水漏れ",
                "上記のいずれもない",
            ],
        ),
        q("3. 過去12か月の間に、食べ物を買うお金が入る前に食べ物がなくなってしまうのではないかと心配した。", AHC_OFTEN),
        q("4. 過去12か月の間に、買った食べ物が足りなくなり、さらに買うお金がなかった。", AHC_OFTEN),
        q(
            "5. 過去12か月の間に、頼れる交通手段がないために、医療機関の受診、会合、仕事に行けなかったり、日常生活に必要なものを手に入れられなかったりしたことはありますか？（当てはまるものをすべてチェック）",
            &[
                "はい、医療機関の受診や薬の受け取りができなかった",
                "はい、医療以外の会合や約束、仕事に行けなかった、または必要なものを手に入れられなかった",
                "いいえ",
            ],
        ),
        q(
            "6. 過去12か月の間に、電気、ガス、灯油、水道の会社から、自宅への供給を止めると言われたことはありますか？",
            &["はい", "いいえ", "すでに止められている"],
        ),
        q("7. 家族や友人を含め、誰かから身体的に傷つけられることはどのくらいありますか？", AHC_SAFETY),
        q("8. 家族や友人を含め、誰かから侮辱されたり、見下した話し方をされたりすることはどのくらいありますか？", AHC_SAFETY),
        q("9. 家族や友人を含め、誰かから危害を加えると脅されることはどのくらいありますか？", AHC_SAFETY),
        q("10. 家族や友人を含め、誰かから怒鳴られたり、ののしられたりすることはどのくらいありますか？", AHC_SAFETY),
    ],
};

static KATZ: InstrumentTexts = InstrumentTexts {
    name: "Katz ADL自立度指標",
    intro: "各動作について、自立（監視、指示、介助が不要）か要介助かを選んでください。6点がすべて自立で、点数が低いほど依存度が高いことを示します。",
    items: &[
        q("入浴", &["自立：一人で全身を洗える、または体の一部分だけ介助が必要", "要介助：体の二部分以上で介助が必要、または浴槽やシャワーの出入りに介助が必要"]),
        q("更衣", &["自立：衣服を取り出し、すべて一人で着られる（靴ひもを結ぶ介助は可）", "要介助：着替えに介助が必要、または全面的に着せてもらう必要がある"]),
        q("トイレ", &["自立：トイレに行き、便座への乗り降り、衣服の調整、後始末ができる", "要介助：トイレへの移乗や後始末に介助が必要、または差し込み便器やポータブルトイレを使用している"]),
        q("移乗", &["自立：介助なしでベッドや椅子への乗り降りができる（補助具の使用は可）", "要介助：ベッドから椅子への移動に介助が必要、または全面的な移乗介助が必要"]),
        q("排泄のコントロール", &["自立：排尿と排便を完全に自分でコントロールできる", "要介助：便失禁または尿失禁が部分的または完全にある"]),
        q("食事", &["自立：介助なしで皿から口へ食べ物を運べる", "要介助：食事に部分的または全面的な介助が必要、または非経口栄養"]),
    ],
};

static LAWTON: InstrumentTexts = InstrumentTexts {
    name: "Lawton 手段的ADL（IADL）",
    intro: "各領域について、利用者の最も高い機能レベルを最もよく表すものを選んでください。8点が完全な自立で、点数が低いほど多くの支援が必要であることを示します。",
    items: &[
        q("電話を使用する能力", &["自分から電話をかける", "よく知っているいくつかの番号にはかけられる", "電話に出ることはできるが、自分からはかけない", "電話をまったく使わない"]),
        q("買い物", &["すべての買い物を一人で行う", "少額の買い物だけ一人で行う", "買い物にはいつも付き添いが必要", "買い物はまったくできない"]),
        q("食事の準備", &["十分な食事を一人で計画し、準備し、配膳する", "材料が用意されれば十分な食事を準備する", "用意された食事を温めて配膳する、または食事を準備するが十分な食事内容を保てない", "食事を準備して配膳してもらう必要がある"]),
        q("家事", &["一人で家事をこなす、または力仕事だけ時々手伝ってもらう", "皿洗いやベッドメイキングなどの軽い日常の家事を行う", "軽い日常の家事は行うが、十分な清潔さを保てない", "すべての家事に手助けが必要", "家事にはまったく参加しない"]),
        q("洗濯", &["自分の洗濯をすべて行う", "小物だけ洗濯する", "洗濯はすべて他の人にしてもらう必要がある"]),
        q("移動の手段", &["一人で公共交通機関を利用する、または自分で車を運転する", "自分でタクシーを手配して移動するが、それ以外の公共交通機関は利用しない", "介助や付き添いがあれば公共交通機関を利用する", "他の人の助けを借りて、タクシーか自動車で移動するだけ", "まったく外出しない"]),
        q("自分の服薬の管理", &["正しい量の薬を正しい時間に服用する", "あらかじめ1回分ずつ分けて用意されていれば服用する", "自分で服薬を管理できない"]),
        q("金銭を管理する能力", &["金銭の管理を一人で行う", "日々の買い物はできるが、銀行での手続きや大きな買い物には手助けが必要", "金銭を扱うことができない"]),
    ],
};

static LACE: InstrumentTexts = InstrumentTexts {
    name: "LACE指数（30日以内の再入院または死亡）",
    intro: "現在の入院、または直近の入院について記入します。",
    items: &[
        q("L. 在院日数（日。1日未満は0）", &[]),
        q("A. 緊急入院でしたか？", &["はい", "いいえ"]),
        q("C. 併存疾患スコア（LACEワークシートの点数）", &[]),
        q(
            "E. 入院前6か月間の救急外来の受診回数（今回の受診は含めない）",
            &[],
        ),
        q(
            "または利用者の疾患をチェックすると、そこから併存疾患スコアが算出されます",
            &LACE_CONDITIONS,
        ),
    ],
};

pub static JA: Messages = Messages {
    common: CommonTexts {
        app_title: "ケアプランナー",
        language_label: "言語",
        date: japanese_date,
        date_time: |at| format!("{} {}:{:02}", japanese_date(at.date()), at.hour(), at.minute()),
        detail_parts: |parts| parts.join("／"),
        unvalidated_translation: "本アプリ独自の翻訳です。この尺度の妥当性が検証された日本語版ではありません。",
        separator: "・",
        dash: " — ",
        label_separator: "：",
        optional_note: "（任意）",
        in_parentheses: |aside| format!("（{aside}）"),
        app_tagline: "記録はこの端末のこのブラウザー内にとどまります。",
        nav_caseload: "担当利用者",
        loading: "読み込み中…",
        opening_records: "記録を開いています…",
        reload: "再読み込み",
        back_to_caseload: "担当利用者一覧に戻る",
        not_recorded: "未記録",
        page_not_found: "このアドレスのページはありません。",

        storage_unavailable: "このブラウザーでは、本アプリが記録を保存できません（ストレージが無効になっているか、プライベートモードの可能性があります）。",
        storage_aborted: "記録を読み込むことも保存することもできなかったため、何も変更されていません。もう一度お試しください。",
        storage_quota: "この端末で本アプリが使える保存領域がいっぱいです。何も保存されていません。空き容量を確保してから、もう一度お試しください。",
        storage_blocked: "本アプリが別のタブで古いバージョンのまま開かれています。続けるには、他のタブを閉じてください。",
        storage_version_changed: "別のタブで本アプリが更新されました。続けるには、このページを再読み込みしてください。",
        storage_connection_lost: "記録への接続が切れました。続けるには、このページを再読み込みしてください。",
        storage_not_found: "この記録はもう存在しません。別のタブで削除された可能性があります。",
        storage_corrupt: "保存されている記録を読み込めませんでした。",
        storage_conflict: "別のタブで同時にこの記録が変更されたため、何も保存されていません。ページを再読み込みして最新の内容を確認してから、もう一度お試しください。",
        storage_migration_failed: "データベースをこのバージョンのアプリに対応させることができませんでした。記録には手を加えておらず、以前のバージョンのままです。本アプリの他のタブを閉じてから、再読み込みしてください。",
        refused_not_on_case: "その記録はもうこのケースに含まれていません（別のタブで変更された可能性があります）。ページを再読み込みしてください。",
        unreadable_records: |count| format!("{count}件の記録を読み込めなかったため、表示していません："),
        unreadable_record: |store, key| if key.is_empty() { format!("{store}内の記録") } else { format!("{store}の記録 {key}") },
        storage_status: |used, available| format!("この端末の保存領域：使用 {used}、空き {available}。"),
        storage_persisted: "このデータは、消去するまでブラウザーに保持されます。",
        storage_not_persisted: "端末の空き容量が不足すると、ブラウザーがこのデータを消去することがあります。",
        storage_unknown: "このブラウザーでは、使用中の容量がわかりません。",
        bytes: |bytes| {
            // Tenths by integer arithmetic: float formatting would add its machinery to the wasm.
            const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
            let mut tenths = (bytes.max(0.0) * 10.0) as u64;
            let mut unit = 0;
            while tenths >= 10_000 && unit < UNITS.len() - 1 {
                tenths /= 1000;
                unit += 1;
            }
            if unit == 0 { format!("{} {}", tenths / 10, UNITS[unit]) } else { format!("{}.{} {}", tenths / 10, tenths % 10, UNITS[unit]) }
        },
        panic_heading: "問題が発生しました",
        panic_body: "回復できないエラーが発生しました。保存済みの内容はすべて無事です。失われる可能性があるのは、フォームに入力してまだ保存していない内容だけです。再読み込みして続けてください。",
        panic_reload: "再読み込み",
        autosave_failed: |reason| format!("アセスメントの下書きを保存できませんでした：{reason}"),
        autosave_retry: "今すぐ再試行",
        autosave_open: "アセスメントを開く",
        col_phase: "現在のフェーズ",
        choose: "選択してください…",
        saving: "保存中…",
        cancel: "キャンセル",
        form_has_errors: |count| format!("{count}項目の入力内容を確認してください。まだ何も保存されていません。"),
        case_heading: |client| format!("{client}のケース"),
        field_preferred_name: "呼び名",
        field_name_reading: "ふりがな",
        field_date_of_birth: "生年月日",
        field_preferred_language: "希望する言語",
        field_phone: "電話番号",
        field_email: "メールアドレス",
        field_address: "住所",
        field_specialty: "専門分野",
        field_model: "ケースマネジメントのモデル",
        field_case_manager: "担当ケースマネジャー",
        field_opened_on: "開始日",
        field_referral_source: "紹介元",
        field_referral_reason: "紹介理由",

        screening_heading: "スクリーニング",
        assessment_heading: "包括的アセスメント",
        unstratified: "未層別化",
        refused_case_closed: "このケースは終結しているため、変更できません。",
        refused_already_in_phase: "ケースはすでにそのフェーズにあります。",
        case_closed_no_changes: "このケースは終結しています。新しい結果、アセスメント、スクリーニングは登録できません。",
        nav_cases: "ケース一覧",
        col_tier: "リスク区分",
    },
    terms: TermTexts {
        score_with_band: |total, band| format!("{total}（{band}）"),
        phq2_score: |score, cut_off, positive| if positive {
            format!("PHQ-2 {score}（{cut_off}以上：陽性）")
        } else {
            format!("PHQ-2 {score}（{cut_off}未満：陰性）")
        },
        field_full_name: "氏名",
        field_date_of_birth_era: "生年月日（和暦）",
        field_family_name: "姓",
        field_given_name: "名",
        field_family_reading: "せい（ふりがな）",
        field_given_reading: "めい（ふりがな）",
        field_support_name: "氏名",
        field_support_relation: "利用者との関係",
        field_support_phone: "電話番号",
        field_consent_date: "決定日",
        field_consent_recorded_by: "記録者",
        problem_required: "この項目は必須です。",
        problem_too_long: |max| format!("{max}文字以内で入力してください。"),
        problem_control_characters: "この項目から、見えない文字や制御文字（ゼロ幅スペースや文字方向の制御記号など）を削除してください。",
        problem_date_unreadable: "実在する日付（年-月-日）を入力してください。",
        problem_date_in_future: "この日付は未来の日付です。",
        problem_date_before_1900: "1900年より前の日付は入力できません。",
        problem_date_before_birth: "この日付は利用者の生年月日より前です。",
        problem_date_before_case_opened: "この日付はケースの開始日より前です。",
        problem_phone: "6～15桁の電話番号を入力してください。スペース、ハイフン、括弧、先頭の「+」は使えます。",
        problem_email: "name@example.org のような形式でメールアドレスを入力してください。",
        problem_choice_required: "いずれかを選択してください。",
        problem_kana_only: "ふりがなは、ひらがなまたはカタカナで入力してください。",
        problem_era_date_unreadable: "昭和49年5月12日、S49.5.12 のように、その元号にある日付を入力してください。",
        problem_era_date_differs: "上の生年月日と同じ日ではありません。",

        field_identification_reason: "利用者を対象として特定した理由",
        field_other_criterion: "その他の基準",
        field_decision: "判定",
        field_rationale: "根拠",
        field_screened_by: "スクリーニング実施者",
        field_screened_on: "スクリーニング実施日",
        field_administered_by: "実施者",
        field_administered_on: "実施日",
        field_override_tier: "リスク区分",
        field_override_rationale: "上書きの根拠",
        field_override_by: "決定者",
        field_closure_reason: "終結の理由",
        field_error_reason: "この結果が誤りである理由",
        field_error_by: "記録者",

        criteria: |value| match value {
            Criterion::FrequentEmergencyVisits => "6か月間に2回以上の救急受診",
            Criterion::RecentAdmission => "過去30日以内の入院",
            Criterion::MultipleChronicConditions => "3つ以上の慢性疾患",
            Criterion::Polypharmacy => "5種類以上の常用薬",
            Criterion::UnmetSocialNeed => "満たされていない社会的ニーズ",
            Criterion::CaregiverStrain => "介護者の負担",
            Criterion::ClinicianReferral => "医療職からの紹介",
            Criterion::Other => "その他",
        },
        decisions: |value| match value {
            Decision::Eligible => "対象",
            Decision::NotEligible => "対象外",
            Decision::NeedsMoreInformation => "追加情報が必要",
        },

        assessment_statuses: |value| match value {
            AssessmentStatus::Draft => "下書き",
            AssessmentStatus::Complete => "完了",
        },
        sections: |value| match value {
            Section::Allergies => "アレルギー",
            Section::FunctionalStatus => "身体機能",
            Section::Cognition => "認知機能",
            Section::MentalHealth => "精神面・行動面の健康",
            Section::SubstanceUse => "物質使用",
            Section::LivingSituation => "生活状況",
            Section::FinancialSituation => "経済状況",
            Section::SupportNetwork => "介護者・支援ネットワーク",
            Section::CulturalPreferences => "文化・信仰に関する希望",
            Section::WhatMatters => "利用者にとって最も大切なこと",
            Section::Strengths => "強み",
            Section::Barriers => "阻害要因",
        },
        section_hints: |value| match value {
            Section::Allergies => "原因物質と反応。",
            Section::FunctionalStatus => "移動、セルフケア、日常の活動。",
            Section::Cognition => "記憶、見当識、意思決定。",
            Section::MentalHealth => "気分、不安、行動、これまでの治療。",
            Section::SubstanceUse => "アルコール、たばこ、その他の物質。",
            Section::LivingSituation => "住まい、同居者、安全、出入りのしやすさ。",
            Section::FinancialSituation => "収入、給付、保険、ケアにかかる費用。",
            Section::SupportNetwork => "誰が、どのくらいの頻度で支援しているか、その人たちがどう対処できているか。",
            Section::CulturalPreferences => "ケアに影響する信念、習慣、しきたり。",
            Section::WhatMatters => "利用者本人の言葉で。",
            Section::Strengths => "利用者が持っているもの：技能、人間関係、資源。",
            Section::Barriers => "妨げになっていること。",
        },

        instruments: |instrument| match instrument {
            Instrument::Phq9 => &PHQ9,
            Instrument::Gad7 => &GAD7,
            Instrument::AhcHrsn => &AHC,
            Instrument::Katz => &KATZ,
            Instrument::Lawton => &LAWTON,
            Instrument::Lace => &LACE,
        },
        bands: |value| match value {
            Band::Minimal => "最小限",
            Band::Mild => "軽度",
            Band::Moderate => "中等度",
            Band::ModeratelySevere => "中等度から重度",
            Band::Severe => "重度",
            Band::FullFunction => "自立",
            Band::ModerateImpairment => "中等度の障害",
            Band::SevereImpairment => "重度の障害",
            Band::LowRisk => "低リスク",
            Band::ModerateRisk => "中リスク",
            Band::HighRisk => "高リスク",
        },
        ahc_domains: |value| match value {
            AhcDomain::Housing => "住まいの不安定さ・住環境",
            AhcDomain::Food => "食料の不足",
            AhcDomain::Transportation => "交通手段",
            AhcDomain::Utilities => "電気・ガス・水道など",
            AhcDomain::Safety => "対人関係における安全",
        },
        flag_self_harm: "PHQ-9 項目9が0より大きい：死や自傷についての考えがあります。当日中の安全確認が必要です。",
        flag_phq2_positive: "PHQ-2 陽性（項目1 + 2 ≥ 3）。",
        flag_further_evaluation: "GAD-7 が10以上：さらに評価することが推奨されます。",
        flag_social_need: |domain| format!("陽性：{domain}。ケアプランのニーズとして追加しました。"),
        flag_safety_answer: "安全に関する質問に「まったくない」以外の回答があります。合計点がカットオフ未満でも、この点について話し合ってください。",
        tiers: |value| match value {
            Tier::Urgent => "緊急",
            Tier::High => "高",
            Tier::Moderate => "中",
            Tier::Low => "低",
        },
        rule_text,
        positive_domains: |count| format!("5領域中{count}領域が陽性"),
        phases: |value| match value {
            Phase::Screening => "スクリーニング",
            Phase::Assessment => "アセスメント",
            Phase::RiskStratification => "リスク層別化",
            Phase::Planning => "計画立案",
            Phase::Implementation => "実施・ケア調整",
            Phase::FollowUp => "フォローアップ",
            Phase::TransitionalCare => "移行期ケア",
            Phase::PostTransition => "移行後の連絡",
            Phase::Evaluation => "評価",
        },
        specialties: |value| match value {
            Specialty::Nursing => "看護",
            Specialty::SocialWork => "ソーシャルワーク",
            Specialty::Medical => "医療",
            Specialty::MentalHealth => "メンタルヘルス",
            Specialty::SubstanceUse => "物質使用",
            Specialty::Juvenile => "児童・青少年",
            Specialty::Geriatric => "高齢者",
            Specialty::Legal => "司法",
            Specialty::Clinical => "臨床",
        },
        models: |value| match value {
            CaseModel::StrengthsBased => "ストレングス型",
            CaseModel::Clinical => "臨床型",
            CaseModel::Brokerage => "仲介型",
            CaseModel::Intensive => "集中型",
        },
        model_hints: |value| match value {
            CaseModel::StrengthsBased => "利用者自身の強みと目標を生かします。",
            CaseModel::Clinical => "ケースマネジャーが臨床的なケアも提供します。",
            CaseModel::Brokerage => "利用者をサービスにつなぎます。関わりは軽めです。",
            CaseModel::Intensive => "担当件数が少なく、頻繁に接触し、直接的な支援を行います。",
        },
        genders: |value| match value {
            Gender::Female => "女性",
            Gender::Male => "男性",
            Gender::NonBinary => "ノンバイナリー",
            Gender::Other => "その他の性別",
            Gender::NotDisclosed => "回答なし",
        },
        consent_choices: |value| match value {
            ConsentChoice::NotRecorded => "未記録",
            ConsentChoice::Given => "同意あり",
            ConsentChoice::NotGiven => "同意なし",
        },
        case_statuses: |value| match value {
            CaseStatus::Open => "対応中",
            CaseStatus::Closed => "終結",
        },
    },
    caseload: CaseloadTexts {
        caseload_heading: "担当利用者一覧",
        search_label: "利用者を名前で検索",
        search_placeholder: "氏名・ふりがな・呼び名",
        register_client: "利用者を登録",
        showing_clients: |shown, matching, total| {
            if matching == total {
                format!("全{total}人中{shown}人を表示")
            } else {
                format!("該当する{matching}人中{shown}人を表示（全{total}人）")
            }
        },
        no_clients: "利用者はまだ登録されていません。最初の利用者を登録してください。",
        no_matches: |query| format!("「{query}」に一致する利用者名はありません。"),
        col_name: "氏名",
        col_age: "年齢",
        col_open_cases: "対応中のケース",
        show_more: "さらに表示",

        age_years: |years| format!("{years}歳"),
        none_dash: "—",
    },
    client: ClientTexts {
        birth_date: |date, age| match japanese_era_year(date) {
            Some(era) => format!("{}（{era}）・{age}歳", japanese_date(date)),
            None => format!("{}・{age}歳", japanese_date(date)),
        },
        register_heading: "利用者の登録",
        edit_client_heading: "利用者情報の編集",
        section_identity: "基本情報",
        section_contact: "連絡先",
        section_support: "支援者・緊急連絡先",
        section_consent: "ケースマネジメントへの同意",
        save_client: "利用者を保存",
        edit: "編集",
        delete_client: "利用者を削除",
        delete_confirm: |name, cases| match cases {
            0 => format!("{name}を削除しますか？この操作は元に戻せません。"),
            1 => format!("{name}とそのケースを履歴ごと削除しますか？この操作は元に戻せません。"),
            n => format!("{name}とそのケース{n}件すべてを履歴ごと削除しますか？この操作は元に戻せません。"),
        },
        delete_confirm_button: "はい、完全に削除します",
        deleting: "削除中…",
        consent_summary: |given, date, by| {
            if given {
                format!("{date}に同意（記録者：{by}）")
            } else {
                format!("同意なし（{date}に{by}が記録）")
            }
        },
        cases_heading: "ケース",
        no_cases: "ケースはまだありません。",
        open_case: "ケースを開始",
        opened_on_summary: |date| format!("{date}開始"),

        field_gender: "性別",
        field_consent: "同意",
    },
    case: CaseTexts {
        screened_note: |date, by| format!("（{date}、{by}）"),
        results_heading: "結果",
        no_results: "まだ尺度は実施されていません。",
        result_line: |instrument, date, by, result| format!("{date} {instrument}（実施者：{by}）：{result}"),
        mark_entered_in_error: "入力誤りとして記録…",
        entered_in_error_heading: "この結果を入力誤りとして記録",
        entered_in_error_explained: "結果は履歴に残りますが、リスク区分、推移、フラグには反映されなくなります。この結果によって作成された安全確認のタスクは、同じ理由で終了します。",
        entered_in_error_submit: "確定：入力誤り",
        entered_in_error_label: |date, by, reason| format!("{date}に{by}が入力誤りとして記録：{reason}"),
        task_cancelled: |date, reason| format!("{date}に終了：{reason}"),
        earlier_definition: |version| format!("以前の定義（{version}）で採点"),

        open_case_heading: |client| format!("{client}のケースを開始"),
        save_case: "ケースを開始",
        process_heading: "ケースマネジメントのプロセス",
        move_to_label: "ケースの移行先",
        move_button: "移行",
        history_heading: "ケースの履歴",
        history_opened: |phase| format!("{phase}でケースを開始"),
        history_moved: |from, to| format!("{from} → {to}"),
        phase_step: |number, name| format!("{number}. {name}"),

        record_screening: "スクリーニングを記録",
        edit_screening: "スクリーニングを編集",
        screening_not_recorded: "スクリーニングはまだ実施されていません。",
        close_not_eligible_offer: "この利用者は対象外と判定されました。スクリーニングの根拠を理由として、このケースを終結しますか？",
        close_case_button: "ケースを終結",
        case_closed: |date, reason| format!("{date}に終結：{reason}"),
        assessment_open: "アセスメントを開く",
        assessment_not_started: "まだ開始していません。",
        instruments_heading: "標準化された尺度",
        administer: "実施",
        administer_again: "再実施",
        never_administered: "まだ実施されていません。",
        latest_result: |result, date| format!("{result}（{date}）"),
        change_since_previous: |delta| format!("前回から {}", signed(delta)),
        change_since_baseline: |delta| format!("ベースラインから {}", signed(delta)),
        administrations_count: |count| format!("{count}回実施"),
        safety_alert: |date| format!("安全に関するアラート：{date}にPHQ-9 項目9で0より大きい回答がありました。本日中にフォローアップしてください。"),
        risk_heading: "リスク層別化",
        tier_label: "リスク区分",
        computed_tier: |tier| format!("既定のルールによる算出：{tier}"),
        overridden_tier: |tier, by, date| format!("{date}に{by}が{tier}に設定"),
        no_risk_reasons: "まだ適用されるルールはありません。層別化するには尺度を実施してください。",
        override_heading: "リスク区分の上書き",
        override_button: "上書き",
        clear_override_button: "算出された区分に戻す",
        history_screening: |decision| format!("スクリーニングを記録：{decision}"),
        history_override: |computed, tier, by, rationale| format!("{by}がリスク区分を上書き：{computed} → {tier}（{rationale}）"),
        history_override_cleared: |by| format!("{by}が上書きを解除。算出された区分を適用"),
        history_closed: |reason| format!("ケースを終結：{reason}"),
        history_override_lifted: |overridden, computed| {
            format!("{overridden}への上書きを解除：新しい結果により{computed}と算出")
        },
        tasks_heading: "タスク",
        no_tasks: "タスクはありません。",
        task_safety_follow_up: "当日中の安全確認（PHQ-9 項目9）",
        task_due: |date| format!("期限：{date}"),
        task_overdue: "期限超過",
        task_urgent: "緊急",
        task_done: |date| format!("{date}に完了"),
        mark_done: "完了にする",
        needs_heading: "ケアプランのニーズ",
        no_needs: "特定されたニーズはまだありません。",
        need_from_screening: |domain, date| format!("{domain}（AHCスクリーニング、{date}）"),
        need_withdrawn: |date, reason| format!("{date}に取り下げ：{reason}"),
        history_entered_in_error: |instrument, by, reason| format!("{by}が{instrument}の結果を入力誤りとして記録：{reason}"),
        cancel_entered_in_error: "結果をそのまま残す",
        cases_list_heading: "対応中のケース",
        filter_by_tier: "リスク区分で絞り込み",
        all_tiers: "すべての区分",
        no_cases_in_tier: "この区分の対応中のケースはありません。",
        no_open_cases: "対応中のケースはありません。",
        col_client: "利用者",
        col_instrument: "尺度",
        col_latest: "最新の結果",
    },
    screening: ScreeningTexts {
        screening_criteria: "該当する適格基準",
        save_screening: "スクリーニングを保存",
    },
    assessment: AssessmentTexts {
        autosave_retrying: "再試行しています…",
        assessment_saved_at: |at| format!("{}:{:02}:{:02}に保存しました", at.hour(), at.minute(), at.second()),
        assessment_saving: "下書きを保存中…",
        assessment_complete_button: "アセスメントを完了にする",
        assessment_completed: "アセスメントは完了しています。",
        assessment_what_matters_missing: "完了する前に、利用者にとって最も大切なことを、本人の言葉で記入してください。",
        assessment_unnamed_condition: |row| format!("疾患 {row} に詳細が入力されていますが、疾患名がありません。"),
        assessment_unnamed_medication: |row| format!("薬剤 {row} に詳細が入力されていますが、薬剤名がありません。"),
        assessment_too_long: |section| format!("「{section}」が4000文字を超えています。"),
        conditions_heading: "疾患",
        medications_heading: "薬剤",
        condition_name: "疾患",
        condition_since: "発症時期",
        condition_notes: "備考",
        medication_name: "薬剤",
        medication_dose: "用量",
        medication_frequency: "頻度",
        medication_prescriber: "処方者",
        add_condition: "疾患を追加",
        add_medication: "薬剤を追加",
        remove_row: "削除",
        remove_row_label: |what, row| format!("{what} {row} を削除"),
    },
    instrument: InstrumentPageTexts {
        save_administration: "結果を保存",
        source_label: "出典",
        version_label: |version| format!("定義 {version}"),
        unanswered_count: |count| format!("未回答の項目が{count}項目あります。すべての項目に回答すると採点されます。"),
        not_answered: "未回答",
        score_preview: |result| format!("スコア：{result}"),
        derived_from_ticks: "下でチェックした疾患から算出されます。",
        ahc_safety_caveat: "安全に関するカットオフ（合計が10を超える）では、身体的暴力を報告する人の多くを見逃すことが知られています（SIRENのレビュー）。そのため、「まったくない」以外の回答があれば、話し合う必要があります。",
        count_out_of_range: |max| format!("0～{max}の整数を入力してください。"),
    },
};
