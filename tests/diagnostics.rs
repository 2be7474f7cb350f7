//! Every diagnostic of the loader, with its message and exact line:column.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use argwalk::map::diagnostic::{Diagnostic, Severity};
use argwalk::map::loader::{self, Beside, Loaded, TextFiles};

/// A small valid map; tests replace one line of it to inject a mistake.
/// Lines: 1 [source] 2 title 3 paragraphs 5 [thesis] 6 id 7 text 8 cite
/// 10 [[premise]] 11 id 12 supports 13 text 14 cite 16 [[evidence]] 17 id 18 supports 19 text 20 cite
const BASE: &str = r#"[source]
title = "A small article"
paragraphs = ["Alpha beta gamma.", "Delta epsilon.", "Zeta eta theta."]

[thesis]
id = "T"
text = "The thesis."
cite = [1]

[[premise]]
id = "P1"
supports = "T"
text = "A premise."
cite = [2]

[[evidence]]
id = "E1"
supports = "P1"
text = "Some evidence."
cite = [{ para = 3, quote = "eta theta" }]
"#;

struct NoFiles;
impl TextFiles for NoFiles {
    fn read(&self, name: &str) -> Result<String, String> {
        Err(format!("no such file: {name}"))
    }
}

fn load(text: &str) -> Loaded {
    loader::load_str("test.toml", text, &NoFiles)
}

/// BASE with line `n` (1-based) replaced by `with`.
fn base_with(n: usize, with: &str) -> String {
    BASE.lines()
        .enumerate()
        .map(|(i, l)| if i + 1 == n { with } else { l })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

fn errors(l: &Loaded) -> Vec<&Diagnostic> {
    l.report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

/// Asserts one error at `line:col` whose message contains `message`, and returns it.
#[track_caller]
fn expect_error<'a>(l: &'a Loaded, line: usize, col: usize, message: &str) -> &'a Diagnostic {
    let found = l
        .report
        .diagnostics
        .iter()
        .find(|d| d.is_error() && d.message.contains(message));
    let Some(d) = found else {
        panic!(
            "no error containing {message:?} in:\n{}",
            l.report.render(false)
        );
    };
    assert_eq!(
        (d.line, d.column),
        (line, col),
        "position of {message:?}:\n{}",
        l.report.render(false)
    );
    assert!(l.map.is_none(), "a map with errors must not load");
    d
}

/// Asserts one warning at `line:col` whose message contains `message` (the map still loads),
/// and returns it.
#[track_caller]
fn expect_warning<'a>(l: &'a Loaded, line: usize, col: usize, message: &str) -> &'a Diagnostic {
    assert!(l.map.is_some(), "{}", l.report.render(false));
    let Some(d) = l
        .report
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Warning && d.message.contains(message))
    else {
        panic!(
            "no warning containing {message:?} in:\n{}",
            l.report.render(false)
        );
    };
    assert_eq!((d.line, d.column), (line, col), "position of {message:?}");
    d
}

#[test]
fn base_map_is_clean() {
    let l = load(BASE);
    assert!(
        l.report.diagnostics.is_empty(),
        "{}",
        l.report.render(false)
    );
    assert!(l.map.is_some());
}

#[test]
fn not_toml_at_all() {
    let l = load("this is not toml\n");
    let d = expect_error(&l, 1, 1, "neither `key = value` nor a [table] header");
    assert!(d.help.is_some());
}

#[test]
fn wrong_type() {
    let l = load(&base_with(13, "text = 5"));
    let d = expect_error(&l, 13, 8, "`text` must be a string, found an integer");
    assert!(d.help.as_deref().unwrap().contains("text = \""));
}

#[test]
fn wrong_type_of_citation_list() {
    let l = load(&base_with(14, "cite = 2.5"));
    expect_error(&l, 14, 8, "`cite` must be an array, found a float");
}

#[test]
fn unknown_top_level_key_suggests_the_right_one() {
    let l = load(&format!(
        "{BASE}\n[[evidance]]\nid = \"E2\"\nsupports = \"P1\"\ntext = \"x\"\n"
    ));
    let d = expect_error(&l, 22, 3, "unknown key `evidance` in an argument map");
    assert_eq!(d.help.as_deref(), Some("did you mean `evidence`?"));
}

#[test]
fn unknown_node_key_suggests_the_right_one() {
    let l = load(&base_with(19, "txet = \"Some evidence.\""));
    let d = expect_error(&l, 19, 1, "unknown key `txet` in [[evidence]]");
    assert_eq!(d.help.as_deref(), Some("did you mean `text`?"));
    // The missing text is reported too, at the table's header.
    expect_error(&l, 16, 1, "this evidence has no `text`");
}

#[test]
fn attacks_on_a_premise_explains_counterpoints() {
    // A premise may attack (the objections it answers), but it must support something.
    let l = load(&base_with(12, "attacks = \"T\""));
    let d = expect_error(&l, 10, 1, "this premise does not say what it supports");
    assert!(d.help.as_deref().unwrap().contains("[[counterpoint]]"));
}

#[test]
fn missing_thesis() {
    let text = BASE.replace(
        "[thesis]\nid = \"T\"\ntext = \"The thesis.\"\ncite = [1]\n",
        "",
    );
    let l = load(&text);
    let d = expect_error(&l, 1, 1, "the map has no thesis");
    assert!(d.help.as_deref().unwrap().contains("[thesis]"));
}

#[test]
fn two_theses() {
    let text = BASE.replace("[thesis]", "[[thesis]]")
        + "\n[[thesis]]\nid = \"T2\"\ntext = \"Another thesis.\"\n";
    let l = load(&text);
    let d = expect_error(&l, 22, 1, "a map has exactly one thesis");
    assert_eq!(d.note.as_deref(), Some("the first thesis is at line 5"));
}

#[test]
fn empty_text() {
    let l = load(&base_with(13, "text = \"  \\n \""));
    expect_error(&l, 13, 8, "`text` is empty");
}

#[test]
fn duplicate_ids() {
    let l = load(&base_with(17, "id = \"P1\""));
    let d = expect_error(&l, 17, 6, "the id `P1` is used twice");
    assert_eq!(d.note.as_deref(), Some("`P1` is first used at line 11"));
}

#[test]
fn unknown_link_with_did_you_mean() {
    let l = load(&base_with(18, "supports = \"P2\""));
    let d = expect_error(&l, 18, 12, "`supports` names `P2`, but no node has that id");
    assert_eq!(d.help.as_deref(), Some("did you mean `P1`?"));
}

#[test]
fn citation_of_a_missing_paragraph() {
    let l = load(&base_with(14, "cite = [2, \"3-7\"]"));
    let d = expect_error(
        &l,
        14,
        12,
        "there is no paragraph 7: the article has 3 paragraphs",
    );
    assert_eq!(d.label, "paragraphs are numbered 1 to 3");
}

#[test]
fn backwards_range() {
    let l = load(&base_with(14, "cite = [\"3-2\"]"));
    expect_error(&l, 14, 9, "the range runs backwards");
}

#[test]
fn quote_not_in_paragraph_shows_the_closest_passage() {
    let l = load(&base_with(
        20,
        "cite = [{ para = 3, quote = \"eta thetta\" }]",
    ));
    let d = expect_error(&l, 20, 29, "this quote is not in paragraph 3");
    assert_eq!(
        d.note.as_deref(),
        Some("the closest passage of paragraph 3 is: \"eta theta.\"")
    );
}

#[test]
fn missing_source_text_file() {
    let l = load(&base_with(3, "text_file = \"missing.txt\""));
    let d = expect_error(&l, 3, 13, "the article's text file cannot be read");
    assert!(d.label.contains("missing.txt"));
}

#[test]
fn text_file_is_read_beside_the_map() {
    let dir = std::env::temp_dir().join(format!("argwalk-beside-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("a.txt"),
        "Alpha beta gamma.\n\nDelta epsilon.\n\nZeta eta theta.\n",
    )
    .unwrap();
    let text = base_with(3, "text_file = \"a.txt\"");
    let l = loader::load_str("m.toml", &text, &Beside(dir.clone()));
    assert!(l.map.is_some(), "{}", l.report.render(false));
    let l = loader::load_str(
        "m.toml",
        &text.replace("a.txt", "b.txt"),
        &Beside(dir.clone()),
    );
    assert!(
        errors(&l)[0].label.contains("b.txt"),
        "{}",
        l.report.render(false)
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn cycle() {
    let text = format!(
        "{BASE}\n[[premise]]\nid = \"P2\"\nsupports = \"P3\"\ntext = \"a\"\ncite = [1]\n\n[[premise]]\nid = \"P3\"\nsupports = \"P2\"\ntext = \"b\"\ncite = [1]\n"
    );
    let l = load(&text);
    expect_error(&l, 24, 12, "these links go round in a cycle: P2 → P3 → P2");
}

#[test]
fn self_link_is_a_cycle() {
    let l = load(&base_with(12, "supports = \"P1\""));
    expect_error(&l, 12, 12, "these links go round in a cycle: P1 → P1");
}

#[test]
fn node_that_never_reaches_the_thesis() {
    let text = format!(
        "{BASE}\n[[premise]]\nid = \"P2\"\nsupports = \"P3\"\ntext = \"a\"\ncite = [1]\n\n[[premise]]\nid = \"P3\"\nsupports = \"P2\"\ntext = \"b\"\ncite = [1]\n\n[[evidence]]\nid = \"E9\"\nsupports = \"P3\"\ntext = \"c\"\ncite = [1]\n"
    );
    let l = load(&text);
    expect_error(&l, 36, 12, "`E9` never reaches the thesis");
}

#[test]
fn evidence_cannot_be_supported() {
    let text =
        format!("{BASE}\n[[evidence]]\nid = \"E2\"\nsupports = \"E1\"\ntext = \"x\"\ncite = [1]\n");
    let l = load(&text);
    expect_error(&l, 24, 12, "evidence cannot support evidence");
}

#[test]
fn all_problems_of_a_file_at_once() {
    let text = base_with(12, "supports = \"Tx\"")
        .replace("text = \"Some evidence.\"", "text = 7")
        .replace("cite = [2]", "cite = [9]");
    let l = load(&text);
    let messages: Vec<&str> = errors(&l).iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    let rendered = l.report.render(false);
    assert!(rendered.contains("test.toml:12:12"), "{rendered}");
    assert!(rendered.contains("test.toml:14:9"), "{rendered}");
    assert!(rendered.contains("test.toml:19:8"), "{rendered}");
    assert!(rendered.contains("3 errors, 0 warnings"), "{rendered}");
}

#[test]
fn warnings_do_not_fail_a_load() {
    let text = base_with(20, "cite = [1]").replace(
        "paragraphs = [\"Alpha beta gamma.\", \"Delta epsilon.\", \"Zeta eta theta.\"]",
        "paragraphs = [\"Alpha beta gamma.\", \"Delta epsilon.\", \"Zeta eta theta.\", \"Iota.\"]\noutside = [4]",
    );
    let text = text.replace(
        "[[evidence]]\nid = \"E1\"\nsupports = \"P1\"",
        "[[evidence]]\nid = \"E1\"\nsupports = \"T\"",
    );
    let l = load(&text);
    assert!(l.map.is_some(), "{}", l.report.render(false));
    let w: Vec<(usize, usize, &str)> = l
        .report
        .diagnostics
        .iter()
        .map(|d| (d.line, d.column, d.message.as_str()))
        .collect();
    assert_eq!(w, [(1, 1, "no node cites paragraph 3"),]);
    assert!(
        l.report
            .diagnostics
            .iter()
            .all(|d| d.severity == Severity::Warning)
    );
}

#[test]
fn source_without_text_or_title() {
    let l = load(&base_with(3, "").replace("title = \"A small article\"", "author = \"X\""));
    expect_error(&l, 1, 1, "[source] has no `title`");
    expect_error(&l, 1, 1, "the source has no text");
}

#[test]
fn paragraph_out_of_range_in_outside() {
    let l = load(&base_with(4, "outside = [0]"));
    expect_error(&l, 4, 12, "there is no paragraph 0");
}

#[test]
fn not_utf8() {
    let mut bytes = b"[source]\ntitle = \"caf".to_vec();
    bytes.push(0xE9);
    bytes.extend_from_slice(b"\"\n");
    let l = loader::load_bytes("bin.toml", &bytes, &NoFiles);
    expect_error(&l, 2, 13, "this file is not UTF-8 text: invalid byte 0xE9");
}

#[test]
fn empty_file() {
    let l = load("");
    expect_error(&l, 1, 1, "the map has no thesis");
    expect_error(&l, 1, 1, "the map has no [source] table");
}

#[test]
fn deep_nesting_is_a_clean_error() {
    let depth = 100_000;
    let text = format!("a = {}{}", "[".repeat(depth), "]".repeat(depth));
    let l = load(&text);
    assert!(l.map.is_none());
    assert!(
        errors(&l)
            .iter()
            .any(|d| d.message.contains("not valid TOML")),
        "{}",
        l.report.summary()
    );
}

#[test]
fn files_that_are_not_maps() {
    let dir = std::env::temp_dir().join(format!("argwalk-files-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let e = loader::load_path(&dir).unwrap_err();
    assert!(format!("{e:#}").contains("is a directory"), "{e:#}");
    let big = dir.join("big.toml");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let e = loader::load_path(&big).unwrap_err();
    assert!(
        format!("{e:#}").contains("argwalk reads files of at most 16 MiB"),
        "{e:#}"
    );
    let fifo = dir.join("fifo.toml");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    let e = loader::load_path(&fifo).unwrap_err();
    assert!(format!("{e:#}").contains("not a regular file"), "{e:#}");
    let e = loader::load_path(&dir.join("absent.toml")).unwrap_err();
    assert!(format!("{e:#}").contains("cannot read"), "{e:#}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn hostile_text_is_sanitized_in_the_model() {
    let text = base_with(13, "text = \"a\\u001b[31mred\\u202Eevil\\u200Bzero\"");
    let l = load(&text);
    let map = l.map.expect("loads");
    let p1 = &map.nodes[map.find("P1").unwrap()];
    assert_eq!(p1.text, "a\u{241b}[31mredevilzero");
}

#[test]
fn an_article_with_no_paragraphs() {
    let l = load(&base_with(3, "paragraphs = []"));
    expect_error(&l, 3, 14, "the article has no paragraphs");
    let dir = std::env::temp_dir().join(format!("argwalk-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("empty.txt"), "\n\n  \n").unwrap();
    let l = loader::load_str(
        "m.toml",
        &base_with(3, "text_file = \"empty.txt\""),
        &Beside(dir.clone()),
    );
    expect_error(&l, 3, 13, "the article has no paragraphs");
    std::fs::remove_dir_all(dir).unwrap();
}

/// Exactly one error in the report, at `line:col`, whose message contains `message`.
#[track_caller]
fn only_error(l: &Loaded, line: usize, col: usize, message: &str) -> Diagnostic {
    let errs = errors(l);
    assert_eq!(
        errs.len(),
        1,
        "one error wanted:\n{}",
        l.report.render(false)
    );
    expect_error(l, line, col, message).clone()
}

#[test]
fn a_straight_quote_inside_a_string_is_one_error_at_the_quote() {
    let l = load(&base_with(13, "text = \"he said \"no\" twice\""));
    let d = only_error(&l, 13, 17, "ends the string");
    let help = d.help.unwrap();
    assert!(
        help.contains("\\\"") && help.contains("'he said \"no\" twice'"),
        "{help}"
    );
}

#[test]
fn single_brackets_for_a_node_list_are_one_error_with_the_fix() {
    // The one premise under [premise]: its evidence's link to P1 is not a second error.
    let l = load(&base_with(10, "[premise]"));
    let d = only_error(&l, 10, 1, "must be `[[premise]]`");
    assert!(d.help.unwrap().contains("[[premise]]"));
    assert!(!l.report.render(false).contains("no node has that id"));
    // With more premises after it, the later [[premise]] headers are not errors of their own.
    let more = format!(
        "{}\n[[premise]]\nid = \"P2\"\nsupports = \"T\"\ntext = \"x\"\ncite = [1]\n",
        base_with(10, "[premise]")
    );
    only_error(&load(&more), 10, 1, "must be `[[premise]]`");
}

#[test]
fn a_colon_for_equals_is_the_only_error() {
    let l = load(&base_with(12, "supports: \"T\""));
    let d = only_error(&l, 12, 9, "joined with `=`, not `:`");
    assert_eq!(d.help.as_deref(), Some("supports = \"T\""));
}

#[test]
fn a_wrong_type_is_one_error_not_also_a_missing_key() {
    only_error(
        &load(&base_with(2, "title = 42")),
        2,
        9,
        "`title` must be a string",
    );
    let inline = base_with(3, "text_file = 3");
    only_error(&load(&inline), 3, 13, "`text_file` must be a string");
    only_error(
        &load(&base_with(13, "text = 5")),
        13,
        8,
        "`text` must be a string",
    );
}

#[test]
fn a_second_thesis_is_one_error() {
    let l = load(&format!(
        "{BASE}\n[thesis]\nid = \"T2\"\ntext = \"Another.\"\ncite = [1]\n"
    ));
    only_error(&l, 22, 1, "a map has one thesis");
}

#[test]
fn an_unclosed_string_is_placed_at_its_opening_quote() {
    let l = load(&base_with(13, "text = \"A premise."));
    let d = only_error(&l, 13, 8, "never closed");
    assert!(d.help.unwrap().contains("\"\"\""));
}

#[test]
fn empty_text_and_empty_id_say_what_to_write() {
    let l = load(&base_with(13, "text = \"\""));
    let d = only_error(&l, 13, 8, "`text` is empty");
    assert!(
        !d.help.as_deref().unwrap().contains("remove"),
        "{:?}",
        d.help
    );
    let l = load(&base_with(11, "id = \"\"").replace("supports = \"P1\"", "supports = \"T\""));
    expect_error(&l, 11, 6, "the id is empty");
}

#[test]
fn thesis_as_a_one_entry_array_is_read_as_the_thesis() {
    let l = load(&base_with(5, "[[thesis]]"));
    assert!(l.map.is_some(), "{}", l.report.render(false));
}

#[test]
fn a_quote_from_another_paragraph_names_it() {
    let l = load(&base_with(
        20,
        "cite = [{ para = 2, quote = \"eta theta\" }]",
    ));
    let d = only_error(&l, 20, 29, "but it is in ¶3");
    assert!(d.help.unwrap().contains("para = 3"));
}

#[test]
fn a_quote_across_two_paragraphs_says_to_split_it() {
    let l = load(&base_with(
        20,
        "cite = [{ para = 2, quote = \"Delta epsilon. Zeta eta\" }]",
    ));
    let d = only_error(&l, 20, 29, "runs across paragraphs 2 and 3");
    assert!(d.help.unwrap().contains("para = 3, quote = \"Zeta eta\""));
}

#[test]
fn the_closest_passage_is_shown_only_when_close_and_in_whole_words() {
    let near = load(&base_with(
        20,
        "cite = [{ para = 3, quote = \"eta thetta\" }]",
    ));
    let d = only_error(&near, 20, 29, "this quote is not in paragraph 3");
    assert_eq!(
        d.note.as_deref(),
        Some("the closest passage of paragraph 3 is: \"eta theta.\"")
    );
    let far = load(&base_with(
        20,
        "cite = [{ para = 3, quote = \"found completely different words\" }]",
    ));
    let d = only_error(&far, 20, 29, "this quote is not in paragraph 3");
    assert!(
        d.note.as_deref().unwrap().contains("nothing close"),
        "{:?}",
        d.note
    );
}

#[test]
fn did_you_mean_only_when_one_id_is_clearly_closest() {
    let many =
        format!("{BASE}\n[[premise]]\nid = \"P2\"\nsupports = \"T\"\ntext = \"x\"\ncite = [1]\n");
    // P3 is as close to P1 as to P2: no guess.
    let l = load(&many.replace("supports = \"P1\"", "supports = \"P3\""));
    let d = only_error(&l, 18, 12, "no node has that id");
    assert!(!d.help.unwrap().contains("did you mean"));
    // "Pl" is closest to P1 alone... and to P2 equally: still no guess; "T1" is closest to T.
    let l = load(&many.replace("supports = \"P1\"", "supports = \"Tt\""));
    let d = only_error(&l, 18, 12, "no node has that id");
    assert_eq!(d.help.as_deref(), Some("did you mean `T`?"));
}

#[test]
fn many_errors_of_one_kind_are_counted_past_the_first_few() {
    let mut text = BASE.to_string();
    for i in 0..40 {
        text.push_str(&format!(
            "\n[[evidence]]\nid = \"X{i}\"\nsupports = \"P1\"\ntext = \"x\"\ncite = [{}]\n",
            50 + i
        ));
    }
    let l = load(&text);
    assert_eq!(errors(&l).len(), 40);
    let capped = l.report.render_capped(false, Some(5));
    assert_eq!(capped.matches("error:").count(), 5, "{capped}");
    assert!(capped.contains("... and 35 more like"), "{capped}");
    assert_eq!(l.report.render(false).matches("error:").count(), 40);
}

/// BASE with a second premise P2, and E1 behind both premises; P2 also answers an objection.
fn cross_linked() -> String {
    format!(
        "{}\n[[premise]]\nid = \"P2\"\nsupports = \"T\"\nattacks = \"O1\"\nby = \"the city council\"\ntext = \"Another premise.\"\ncite = [2]\n\n[[counterpoint]]\nid = \"O1\"\nattacks = \"P1\"\ntext = \"An objection.\"\ncite = [1]\n",
        base_with(18, "supports = [\"P1\", \"P2\"]")
    )
}

#[test]
fn a_node_may_bear_on_several_and_says_who_claims_it() {
    let l = load(&cross_linked());
    let map = l
        .map
        .unwrap_or_else(|| panic!("{}", l.report.render(false)));
    let ix = |id: &str| map.find(id).unwrap();
    let e1 = &map.nodes[ix("E1")];
    assert_eq!(e1.parent, Some(ix("P1")), "placed under its first link");
    assert_eq!(
        e1.also,
        vec![(ix("P2"), argwalk::map::model::Link::Supports)]
    );
    let p2 = &map.nodes[ix("P2")];
    assert_eq!(
        p2.also,
        vec![(ix("O1"), argwalk::map::model::Link::Attacks)]
    );
    assert_eq!(p2.by.as_deref(), Some("the city council"));
    // Each node once in the walk.
    assert_eq!(map.walk.len(), map.nodes.len());
    let (support, attack) = map.supporters_and_attackers(ix("P2"));
    assert_eq!((support, attack), (vec![ix("E1")], vec![]));
    let (_, attack) = map.supporters_and_attackers(ix("O1"));
    assert_eq!(attack, vec![ix("P2")]);
}

#[test]
fn a_cross_link_to_an_unknown_id_or_round_in_a_cycle_is_an_error() {
    let unknown =
        cross_linked().replace("supports = [\"P1\", \"P2\"]", "supports = [\"P1\", \"Q7\"]");
    only_error(
        &load(&unknown),
        18,
        19,
        "`supports` names `Q7`, but no node has that id",
    );
    // P1 supports T and also P2, while P2 supports T and also P1: a claim bearing on itself.
    let cycle = cross_linked()
        .replace(
            "id = \"P1\"\nsupports = \"T\"",
            "id = \"P1\"\nsupports = [\"T\", \"P2\"]",
        )
        .replace(
            "id = \"P2\"\nsupports = \"T\"",
            "id = \"P2\"\nsupports = [\"T\", \"P1\"]",
        );
    let l = load(&cycle);
    only_error(&l, 12, 18, "this link makes a cycle");
    let empty = cross_linked().replace("supports = [\"P1\", \"P2\"]", "supports = []");
    only_error(&load(&empty), 18, 12, "`supports` names no node");
}

#[test]
fn an_invalid_date_is_one_error() {
    let l = load(&base_with(
        2,
        "title = \"A small article\"\ndate = 2017-13-45",
    ));
    let d = only_error(&l, 3, 8, "not a valid date");
    assert!(d.help.unwrap().contains("2017-01-25"));
}

/// Issue 17: linked premises, undercuts and raised objections, each mistake at its place.
/// Lines after BASE: 22 [[premise]] 23 id P2 24 supports 25 with 26 text 27 cite,
/// 29 [[counterpoint]] 30 id O1 31 the link 32 the extra line 33 text 34 cite.
fn with_more(with: &str, link: &str, extra: &str) -> String {
    format!(
        "{BASE}\n[[premise]]\nid = \"P2\"\nsupports = \"T\"\n{with}\ntext = \"Another.\"\ncite = [2]\n\n[[counterpoint]]\nid = \"O1\"\n{link}\n{extra}\ntext = \"But.\"\ncite = [3]\n"
    )
}

#[test]
fn linked_and_undercut_maps_load_clean() {
    let l = load(&with_more("with = [\"P1\"]", "undercuts = \"P2\"", ""));
    assert!(
        l.report.diagnostics.is_empty(),
        "{}",
        l.report.render(false)
    );
    let map = l.map.unwrap();
    let p1 = map.find("P1").unwrap();
    let p2 = map.find("P2").unwrap();
    assert_eq!(map.nodes[p1].linked, vec![p2]);
    assert_eq!(map.nodes[p2].linked, vec![p1]);
    let o1 = map.find("O1").unwrap();
    assert!(map.nodes[o1].undercuts);
    assert_eq!(
        map.bearing(o1).as_deref(),
        Some("undercuts the step from P2 to T")
    );
    assert_eq!(
        map.bearing(p1).as_deref(),
        Some("supports T together with P2")
    );
}

#[test]
fn with_names_an_unknown_id() {
    let l = load(&with_more("with = [\"P9\"]", "attacks = \"P1\"", ""));
    expect_error(&l, 25, 9, "`with` names `P9`, but no node has that id");
}

#[test]
fn with_names_itself() {
    let l = load(&with_more("with = [\"P2\"]", "attacks = \"P1\"", ""));
    expect_error(&l, 25, 9, "a node cannot be linked with itself");
}

#[test]
fn with_names_a_counterpoint() {
    let l = load(&with_more("with = [\"O1\"]", "attacks = \"P1\"", ""));
    let d = expect_error(
        &l,
        25,
        9,
        "`O1` is a counterpoint: only premises and evidence are linked",
    );
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .contains("support the same claim")
    );
}

#[test]
fn with_names_a_premise_of_another_claim() {
    let text = with_more("with = [\"P1\"]", "attacks = \"P1\"", "").replacen(
        "supports = \"T\"\nwith",
        "supports = \"P1\"\nwith",
        1,
    );
    let l = load(&text);
    let d = expect_error(&l, 25, 9, "`P1` supports `T`, but this node supports `P1`");
    assert!(d.help.as_deref().unwrap().contains("the same node"));
}

#[test]
fn with_names_a_premise_that_supports_something_else() {
    // E1 supports P1; linked with P1, which supports T.
    let text = BASE.replace(
        "supports = \"P1\"\ntext = \"Some evidence.\"",
        "supports = \"P1\"\nwith = [\"P1\"]\ntext = \"Some evidence.\"",
    );
    let l = load(&text);
    expect_error(&l, 19, 9, "`P1` supports `T`, but this node supports `P1`");
}

#[test]
fn with_on_a_counterpoint_says_what_with_links() {
    let l = load(&with_more("", "attacks = \"P1\"", "with = [\"P1\"]"));
    let d = expect_error(&l, 32, 1, "unknown key `with` in [[counterpoint]]");
    assert!(d.help.as_deref().unwrap().contains("links supports"));
}

#[test]
fn undercutting_the_thesis_is_an_error() {
    let l = load(&with_more("", "undercuts = \"T\"", ""));
    let d = expect_error(
        &l,
        31,
        13,
        "`T` is the thesis: it supports nothing, so there is no step to undercut",
    );
    assert!(d.help.as_deref().unwrap().contains("attacks = \"T\""));
}

#[test]
fn attacking_and_undercutting_at_once_is_an_error() {
    let l = load(&with_more("", "undercuts = \"P1\"", "attacks = \"P2\""));
    expect_error(
        &l,
        32,
        1,
        "this counterpoint both attacks and undercuts `P1`",
    );
}

#[test]
fn undercutting_two_steps_is_an_error() {
    let l = load(&with_more("", "undercuts = [\"P1\", \"P2\"]", ""));
    expect_error(&l, 31, 20, "a counterpoint undercuts one step");
}

#[test]
fn a_counterpoint_without_attacks_or_undercuts_says_both() {
    let l = load(&with_more("", "", ""));
    let d = expect_error(&l, 29, 1, "this counterpoint does not say what it attacks");
    assert!(d.help.as_deref().unwrap().contains("undercuts"));
}

#[test]
fn undercuts_on_a_premise_is_misplaced() {
    let l = load(&with_more("undercuts = \"P1\"", "attacks = \"P1\"", ""));
    let d = expect_error(&l, 25, 1, "unknown key `undercuts` in [[premise]]");
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .contains("only a [[counterpoint]] undercuts")
    );
}

#[test]
fn a_raised_objection_with_by_is_an_error() {
    let l = load(&with_more(
        "",
        "attacks = \"P1\"",
        "raised = true\nby = \"critics\"",
    ));
    expect_error(
        &l,
        33,
        6,
        "a raised objection is the author's own, but `by` names someone else",
    );
}

#[test]
fn raised_on_a_premise_is_misplaced() {
    let l = load(&with_more("raised = true", "attacks = \"P1\"", ""));
    let d = expect_error(&l, 25, 1, "unknown key `raised` in [[premise]]");
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .contains("only a counterpoint is raised")
    );
}

#[test]
fn a_raised_objection_nothing_answers_is_a_warning() {
    let l = load(&with_more("", "attacks = \"P1\"", "raised = true"));
    let w = expect_warning(&l, 30, 6, "the author raises `O1` but nothing answers it");
    assert!(w.help.as_deref().unwrap().contains("attacks = \"O1\""));
}

#[test]
fn undercuts_names_an_unknown_id() {
    let l = load(&with_more("", "undercuts = \"P7\"", ""));
    expect_error(
        &l,
        31,
        13,
        "`undercuts` names `P7`, but no node has that id",
    );
}

/// Issue 18.1–3: schemes and the critical questions a node answers.
#[test]
fn an_unknown_scheme_suggests_the_near_one() {
    let l = load(&base_with(
        13,
        "scheme = \"expert-opinon\"\ntext = \"A premise.\"",
    ));
    let d = expect_error(&l, 13, 10, "argwalk knows no scheme `expert-opinon`");
    assert_eq!(d.help.as_deref(), Some("did you mean `expert-opinion`?"));
}

#[test]
fn answers_without_a_scheme_and_an_unknown_question_are_errors() {
    let l = load(&with_more(
        "",
        "undercuts = \"P1\"",
        "answers = [\"field\"]",
    ));
    let d = expect_error(
        &l,
        32,
        12,
        "`answers` names critical questions, but the step from `P1` names no scheme",
    );
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .contains("scheme = \"expert-opinion\"")
    );
    let text = with_more("", "undercuts = \"P1\"", "answers = [\"fields\"]").replacen(
        "supports = \"T\"\ntext = \"A premise.\"",
        "supports = \"T\"\nscheme = \"expert-opinion\"\ntext = \"A premise.\"",
        1,
    );
    let l = load(&text);
    let d = expect_error(
        &l,
        33,
        12,
        "the argument from expert opinion has no critical question `fields`",
    );
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .contains("expertise, field, opinion")
    );
}

#[test]
fn open_critical_questions_are_a_warning_that_names_them() {
    let text = with_more(
        "",
        "undercuts = \"P1\"",
        "answers = [\"field\", \"expertise\"]",
    )
    .replacen(
        "supports = \"T\"\ntext = \"A premise.\"",
        "supports = \"T\"\nscheme = \"expert-opinion\"\ntext = \"A premise.\"",
        1,
    );
    let l = load(&text);
    let w = expect_warning(
        &l,
        13,
        10,
        "4 critical questions of this argument from expert opinion are answered by nothing",
    );
    assert!(
        w.message
            .contains("`backup` (Is the expert's assertion based on evidence?)")
    );
    assert!(!w.message.contains("`field`"));
}

/// Issue 18: an objection may name the scheme of its attack (an argument against the person),
/// and its open critical questions are warned of at the scheme.
#[test]
fn an_objection_names_an_attack_scheme() {
    let l = load(&with_more(
        "",
        "attacks = \"P1\"",
        "scheme = \"ad-hominem\"",
    ));
    expect_warning(
        &l,
        32,
        10,
        "3 critical questions of this argument against the person",
    );
}

#[test]
fn a_scheme_on_the_thesis_is_misplaced() {
    let l = load(&BASE.replacen("[thesis]\n", "[thesis]\nscheme = \"analogy\"\n", 1));
    let d = expect_error(&l, 6, 1, "unknown key `scheme` in [thesis]");
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .contains("the thesis bears on nothing")
    );
}
