//! Issue 17.1–4: linked premises, undercuts, objections the author raises himself and partial
//! concessions, in every view and export, on tests/fixtures/inference.toml.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use argwalk::interchange::export::{self, Format, Options};
use argwalk::map::model::ArgumentMap;
use argwalk::screen::app::{App, act};
use argwalk::screen::keymap::Action;
use argwalk::screen::theme::Theme;
use argwalk::screen::view;
use argwalk::study::prep::{self, Weakness};

mod support;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/inference.toml");

fn map() -> ArgumentMap {
    let l = argwalk::map::loader::load_path(std::path::Path::new(FIXTURE)).unwrap();
    assert_eq!(l.report.diagnostics.len(), 0, "{}", l.report.render(false));
    l.map.unwrap()
}

fn ix(map: &ArgumentMap, id: &str) -> usize {
    map.find(id).unwrap()
}

#[test]
fn the_model_knows_the_group_the_undercut_and_who_raises_what() {
    let m = map();
    assert_eq!(m.nodes[ix(&m, "P1")].linked, vec![ix(&m, "P2")]);
    assert_eq!(m.nodes[ix(&m, "P2")].linked, vec![ix(&m, "P1")]);
    let u1 = ix(&m, "U1");
    assert!(m.nodes[u1].undercuts);
    assert_eq!(m.nodes[u1].parent, Some(ix(&m, "P2")));
    assert_eq!(
        m.target_in_words(u1).as_deref(),
        Some("the step from P2 to T")
    );
    assert!(m.nodes[ix(&m, "O1")].raised);
}

#[test]
fn tree_rows_and_details_show_each_relation_in_every_theme() {
    let themes = [
        (Theme::FULL, ["+P2", "↛", "↺"]),
        (
            Theme {
                color: false,
                ascii: true,
                plain: false,
            },
            ["&P2", "~>", "(r)"],
        ),
        (
            Theme {
                color: false,
                ascii: false,
                plain: true,
            },
            ["with P2", "(undercut)", "(raised by the author)"],
        ),
    ];
    for (theme, [linked, undercut, raised]) in themes {
        let mut app = App::new(map(), 120, 40);
        let screen = view::buffer_text(&view::render_buffer(&app, &theme));
        let row = |id: &str| {
            screen
                .lines()
                .find(|l| l.contains(&format!(" {id} ")))
                .unwrap_or_else(|| panic!("no row for {id}:\n{screen}"))
                .to_string()
        };
        assert!(row("P1").contains(linked), "{}", row("P1"));
        assert!(row("U1").contains(undercut), "{}", row("U1"));
        assert!(row("O1").contains(raised), "{}", row("O1"));
        // The details of the undercut name the step it attacks.
        for _ in 0..3 {
            act(&mut app, Action::WalkNext);
        }
        let screen = view::buffer_text(&view::render_buffer(&app, &theme));
        assert!(
            screen.contains("undercuts the step from P2 to T"),
            "{screen}"
        );
    }
}

#[test]
fn weak_spots_and_frontlines_say_what_each_relation_means() {
    let m = map();
    let spots = prep::weak_spots(&m, None);
    let reasons = |id: &str| {
        spots
            .iter()
            .find(|s| m.nodes[s.node].id == id)
            .map(|s| s.reasons.clone())
            .unwrap_or_default()
    };
    assert!(reasons("P1").contains(&Weakness::Linked));
    assert!(reasons("O2").contains(&Weakness::ConcededInPart));
    assert!(!reasons("O2").contains(&Weakness::Conceded));
    // Answered: neither the undercut nor the raised objection is a weak spot.
    assert!(reasons("U1").is_empty() && reasons("O1").is_empty());
    // Unanswered, each says what it is.
    let text = std::fs::read_to_string(FIXTURE)
        .unwrap()
        .replace("attacks = \"U1\"", "attacks = \"P1\"")
        .replace("attacks = \"O1\"", "attacks = \"P2\"");
    let bare = argwalk::map::loader::load_str("m.toml", &text, &argwalk::map::loader::Builtin)
        .map
        .unwrap();
    let spots = prep::weak_spots(&bare, None);
    let of = |id: &str| {
        spots
            .iter()
            .find(|s| bare.nodes[s.node].id == id)
            .unwrap()
            .reasons
            .clone()
    };
    assert_eq!(of("U1"), vec![Weakness::UnansweredUndercut]);
    assert_eq!(of("O1"), vec![Weakness::RaisedUnanswered]);
    let theme = Theme {
        color: false,
        ascii: false,
        plain: true,
    };
    let front = argwalk::screen::sheet::frontline_lines(&bare, None, &theme, 300)
        .iter()
        .map(|l| l.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        front.contains("If they say U1, against the step from P2 to T: Causing a cost"),
        "{front}"
    );
    assert!(
        front.contains("UNANSWERED: the author raises it himself"),
        "{front}"
    );
}

#[test]
fn drills_ask_for_a_linked_group_as_one_reason() {
    let m = map();
    let cards = argwalk::study::drill::cards(&m);
    let thesis = cards.iter().find(|c| c.key == "thesis:T").unwrap();
    assert_eq!(thesis.back.lines().count(), 1, "{}", thesis.back);
    assert!(thesis.back.starts_with("Together, as one reason: P1: "));
    assert!(thesis.back.contains(" + P2: "));
    let undercut = cards.iter().find(|c| c.key == "objection:U1").unwrap();
    assert!(
        undercut
            .front
            .starts_with("How is this undercut of the step from P2 to T answered?"),
        "{}",
        undercut.front
    );
}

#[test]
fn the_line_mode_and_the_outline_say_it_in_words() {
    let mut lines = argwalk::lines::Lines::new(map(), None);
    let said = lines.command("go U1").unwrap();
    assert!(
        said.contains("Undercuts the step from P2 to T: Shoppers who take bags"),
        "{said}"
    );
    let said = lines.command("go P1").unwrap();
    assert!(
        said.contains("Supports T together with P2: Charge for bags"),
        "{said}"
    );
    let said = lines.command("go O1").unwrap();
    assert!(
        said.contains("The author raises this objection himself"),
        "{said}"
    );
    let outline = argwalk::map::outline::render(&map());
    assert!(
        outline.contains("(supports T together with P2)"),
        "{outline}"
    );
    assert!(
        outline.contains("undercuts the step from P2 to T"),
        "{outline}"
    );
    assert!(outline.contains("raised by the author"), "{outline}");
}

fn render(format: Format) -> String {
    export::render(&map(), format, Options { layer: None })
}

#[test]
fn json_and_aif_write_one_inference_per_group_and_the_undercut_on_it() {
    let json: serde_json::Value = serde_json::from_str(&render(Format::Json)).unwrap();
    let node = |id: &str| {
        json["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(node("P1")["linked"], serde_json::json!(["P2"]));
    assert_eq!(node("U1")["undercuts"], true);
    assert_eq!(node("O1")["raised"], true);

    let aif: serde_json::Value = serde_json::from_str(&render(Format::Aif)).unwrap();
    let nodes = aif["nodes"].as_array().unwrap();
    let edges = aif["edges"].as_array().unwrap();
    let id_of = |argwalk: &str| {
        nodes.iter().find(|n| n["argwalkID"] == argwalk).unwrap()["nodeID"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let from = |id: &str| -> Vec<String> {
        edges
            .iter()
            .filter(|e| e["fromID"] == id)
            .map(|e| e["toID"].as_str().unwrap().to_string())
            .collect()
    };
    let ra_p1 = from(&id_of("P1"));
    assert_eq!(ra_p1, from(&id_of("P2")), "one RA for the group");
    let ca = from(&id_of("U1"));
    assert_eq!(from(&ca[0]), ra_p1, "the undercut's CA points at the RA");
    let ty = |id: &str| nodes.iter().find(|n| n["nodeID"] == id).unwrap()["type"].clone();
    assert_eq!(ty(&ra_p1[0]), "RA");
    assert_eq!(ty(&ca[0]), "CA");
    assert_eq!(
        nodes.iter().find(|n| n["argwalkID"] == "O1").unwrap()["properties"]["raised"],
        true
    );
}

#[test]
fn dot_markdown_and_anki_carry_each_relation() {
    let dot = render(Format::Dot);
    assert!(dot.contains("samehead="), "{dot}");
    assert!(
        dot.contains("\"U1\" -> \"P2\" [label=\"undercuts the step from P2 to T\""),
        "{dot}"
    );
    let md = render(Format::Markdown);
    assert!(md.contains("\\[together with P2\\]"), "{md}");
    assert!(md.contains("(against the step from P2 to T)"), "{md}");
    assert!(
        md.contains("The author raises it himself, and answers:"),
        "{md}"
    );
    assert!(
        md.contains("The author concedes it in part, and answers:"),
        "{md}"
    );
    let anki = render(Format::Anki);
    assert!(
        anki.contains("How is this objection answered: Causing a cost"),
        "{anki}"
    );
}

/// The Argdown CLI reads the linked group as an argument and the undercut as an undercut of
/// its inference.
#[test]
#[ignore = "needs the Argdown CLI (npm install @argdown/cli); CI runs it with --ignored"]
fn the_argdown_cli_reads_the_group_as_an_argument_and_the_undercut() {
    let argdown = std::env::var("ARGWALK_ARGDOWN").unwrap_or_else(|_| "argdown".into());
    let dir = std::env::temp_dir().join(format!("argwalk-inference-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("m.argdown"), render(Format::Argdown)).unwrap();
    let out = support::cli::command(&argdown)
        .arg("json")
        .arg(dir.join("m.argdown"))
        .arg(&dir)
        .output()
        .unwrap();
    let log =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && !log.to_lowercase().contains("error"),
        "{log}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("m.json")).unwrap()).unwrap();
    assert_eq!(json["statements"].as_object().unwrap().len(), 9);
    let arguments = json["arguments"].as_object().unwrap();
    assert_eq!(arguments.len(), 1, "{arguments:#?}");
    let (title, argument) = arguments.iter().next().unwrap();
    let pcs = argument["members"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|m| m["pcs"].as_array())
        .unwrap();
    let roles: Vec<(String, String)> = pcs
        .iter()
        .map(|s| {
            (
                s["title"].as_str().unwrap().to_string(),
                s["role"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        roles,
        [
            ("P1".to_string(), "premise".to_string()),
            ("P2".to_string(), "premise".to_string()),
            ("T".to_string(), "main-conclusion".to_string()),
        ]
    );
    let undercut = json["relations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["relationType"] == "undercut")
        .unwrap();
    assert_eq!(undercut["from"], "U1");
    assert_eq!(undercut["to"], title.as_str());
    // The rebuttal of the undercut still attacks it.
    assert!(
        json["relations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["from"] == "R2" && r["to"] == "U1" && r["relationType"] == "attack")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 18.1–4: a step that names a scheme lists its critical questions (answered by the
/// map's nodes that say so, or open) in the details, the line mode, the weak spots, the
/// frontlines' lines of attack, the drills and the prep sheet.
#[test]
fn critical_questions_reach_every_view() {
    const MAP: &str = r#"
[source]
title = "Act now"
paragraphs = ["We should act.", "Dr Ames, a climatologist, says so.", "But Ames studies rocks.", "Ames studied climate for years."]

[thesis]
id = "T"
text = "We should act."
cite = [1]

[[premise]]
id = "P1"
supports = "T"
scheme = "expert-opinion"
text = "An expert says we should act."
cite = [2]

[[counterpoint]]
id = "U1"
undercuts = "P1"
answers = ["field"]
text = "Ames is no climatologist."
cite = [3]

[[counterpoint]]
id = "R1"
attacks = "U1"
text = "Ames studied climate for years."
cite = [4]
"#;
    let map = argwalk::map::loader::load_str("m.toml", MAP, &argwalk::map::loader::Builtin)
        .map
        .unwrap();
    let p1 = ix(&map, "P1");
    let questions = map.critical_questions(p1);
    assert_eq!(questions.len(), 6);
    let field = questions.iter().find(|(q, _)| q.key == "field").unwrap();
    assert_eq!(field.1, vec![ix(&map, "U1")]);
    // Details, in words.
    let theme = Theme {
        color: false,
        ascii: false,
        plain: true,
    };
    let details: String = argwalk::screen::sheet::question_lines(&map, p1, &theme, 200)
        .iter()
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(
        details.contains("Scheme: argument from expert opinion"),
        "{details}"
    );
    assert!(
        details.contains("Is the source an expert in the field the claim is in? (answered by U1)"),
        "{details}"
    );
    assert!(
        details.contains("Is the expert's assertion based on evidence? (OPEN)"),
        "{details}"
    );
    // The line mode.
    let mut lines = argwalk::lines::Lines::new(map.clone(), None);
    let said = lines.command("go P1").unwrap();
    assert!(
        said.contains("Scheme: argument from expert opinion."),
        "{said}"
    );
    assert!(
        said.contains("Is the expert personally reliable as a source? Open."),
        "{said}"
    );
    // A weak spot, a drill card, the prep sheet and the lines of attack.
    let spots = prep::weak_spots(&map, None);
    assert!(
        spots
            .iter()
            .any(|s| s.node == p1 && s.reasons.contains(&Weakness::OpenQuestion))
    );
    let cards = argwalk::study::drill::cards(&map);
    let card = cards.iter().find(|c| c.key == "questions:P1").unwrap();
    assert_eq!(card.back.lines().count(), 6);
    let sheet = export::render(&map, Format::Markdown, Options { layer: None });
    assert!(
        sheet.contains("argument from expert opinion; ask: How credible"),
        "{sheet}"
    );
    let layer = argwalk::study::Layer {
        side: Some(argwalk::study::Side::Against),
        ..Default::default()
    };
    let front: String = argwalk::screen::sheet::frontline_lines(&map, Some(&layer), &theme, 200)
        .iter()
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(
        front.contains("ask: Is the expert's assertion based on evidence?"),
        "{front}"
    );
    assert!(
        !front.contains("ask: Is the source an expert in the field"),
        "{front}"
    );
}

/// One step from a position to know: the map answers none of its three questions.
const ACT_NOW: &str = r#"
[source]
title = "Act now"
paragraphs = ["We should act.", "Dr Ames, a climatologist, says so."]

[thesis]
id = "T"
text = "We should act."
cite = [1]

[[premise]]
id = "P1"
supports = "T"
scheme = "position-to-know"
text = "Ames is in a position to know."
cite = [2]
"#;

/// Issue 18.2 and 18.4: the reader answers each critical question, in the reader (`Q`, then
/// `a` at the paragraph marked, `x` fails) and in the line mode (`answer 2 fails`), kept in
/// the layer and counted in the weak spots.
#[test]
fn the_reader_answers_critical_questions_in_both_modes() {
    use argwalk::study::layer::{Verdict, question_key};
    let map = argwalk::map::loader::load_str("m.toml", ACT_NOW, &argwalk::map::loader::Builtin)
        .map
        .unwrap();
    let mut app = App::new(map.clone(), 120, 40);
    argwalk::screen::app::handle(
        &mut app,
        argwalk::screen::app::Start::with(argwalk::study::Layer::default()).event(),
    );
    act(&mut app, Action::WalkNext);
    act(&mut app, Action::Questions);
    assert!(
        matches!(app.overlay(), argwalk::screen::app::Overlay::Questions { list } if list.selected == 0),
        "{:?}",
        app.overlay()
    );
    let screen = view::buffer_text(&view::render_buffer(&app, &Theme::FULL));
    assert!(
        screen.contains("The step from P1: argument from position to know"),
        "{screen}"
    );
    assert!(screen.contains("you: not answered yet"), "{screen}");
    // `a`: answered by the article at the paragraph marked (P1 cites 2: it is marked).
    let effects = act(&mut app, Action::AnswerQuestion(0));
    let saved = |effects: &[argwalk::screen::event::Effect]| match effects.first() {
        Some(argwalk::screen::event::Effect::SaveLayer { layer, .. }) => layer.clone(),
        other => panic!("no save: {other:?}"),
    };
    let layer = saved(&effects);
    let a = layer.questions[&question_key("P1", "position")];
    assert_eq!((a.verdict, a.paragraph), (Verdict::Answered, Some(2)));
    act(&mut app, Action::OverlayDown);
    let layer = saved(&act(&mut app, Action::AnswerQuestion(2)));
    assert_eq!(
        layer.questions[&question_key("P1", "honesty")].verdict,
        Verdict::Fails
    );
    let screen = view::buffer_text(&view::render_buffer(&app, &Theme::FULL));
    assert!(
        screen.contains("you: answered at ¶2") && screen.contains("you: fails"),
        "{screen}"
    );
    let spots = prep::weak_spots(&map, Some(&layer));
    let p1 = spots.iter().find(|s| map.nodes[s.node].id == "P1").unwrap();
    assert!(
        p1.reasons.contains(&Weakness::QuestionFails),
        "{:?}",
        p1.reasons
    );
    // A node with no scheme says so.
    act(&mut app, Action::OverlayClose);
    act(&mut app, Action::WalkPrev);
    act(&mut app, Action::Questions);
    assert_eq!(*app.overlay(), argwalk::screen::app::Overlay::None);
    assert!(app.message().unwrap().contains("names no scheme"));

    // The line mode, with a layer kept in a folder.
    let dir = std::env::temp_dir().join(format!("argwalk-questions-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let store = argwalk::study::Store::new(&dir, None);
    let mut lines =
        argwalk::lines::Lines::new(map, Some((store, argwalk::study::Layer::default())));
    lines.command("go P1");
    let said = lines.command("answer").unwrap();
    assert!(
        said.contains("1. Is the source in a position to know"),
        "{said}"
    );
    assert_eq!(
        lines.command("answer 3 answered 2").unwrap(),
        "Answer saved.\n"
    );
    assert!(
        lines
            .command("answer 2 answered")
            .unwrap()
            .contains("Say where")
    );
    assert_eq!(lines.command("answer 2 fails").unwrap(), "Answer saved.\n");
    let said = lines.command("answer").unwrap();
    assert!(
        said.contains("you: answered at paragraph 2") && said.contains("you: fails"),
        "{said}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The reader's own answers shape the lines of attack and the prep sheet as they shape the
/// weak spots: a question the reader found answered in the article is not asked, one judged
/// to fail the step comes first and says so, one left open is asked.
#[test]
fn the_readers_answers_shape_the_lines_of_attack_and_the_prep_sheet() {
    use argwalk::study::layer::{Answer, Verdict, question_key};
    let map = argwalk::map::loader::load_str("m.toml", ACT_NOW, &argwalk::map::loader::Builtin)
        .map
        .unwrap();
    let theme = Theme {
        color: false,
        ascii: false,
        plain: true,
    };
    let front = |layer: &argwalk::study::Layer| -> String {
        argwalk::screen::sheet::frontline_lines(&map, Some(layer), &theme, 200)
            .iter()
            .map(|l| format!("{l}\n"))
            .collect()
    };
    let mut layer = argwalk::study::Layer {
        side: Some(argwalk::study::Side::Against),
        ..Default::default()
    };
    // Unanswered, all three are asked.
    assert_eq!(
        front(&layer).matches("ask: ").count(),
        3,
        "{}",
        front(&layer)
    );
    layer.questions.insert(
        question_key("P1", "position"),
        Answer {
            verdict: Verdict::Answered,
            paragraph: Some(2),
        },
    );
    layer.questions.insert(
        question_key("P1", "assertion"),
        Answer {
            verdict: Verdict::Fails,
            paragraph: None,
        },
    );
    let text = front(&layer);
    assert!(!text.contains("in a position to know whether"), "{text}");
    let fails = text
        .find("ask: Did the source assert the claim? (you judged it fails the step)")
        .unwrap_or_else(|| panic!("{text}"));
    let open = text
        .find("ask: Is the source honest")
        .unwrap_or_else(|| panic!("{text}"));
    assert!(fails < open, "{text}");
    // The prep sheet with the reader's layer, and without it (the map's own open questions).
    let sheet_of = |layer: &argwalk::study::Layer| {
        export::render(&map, Format::Markdown, Options { layer: Some(layer) })
    };
    let sheet = sheet_of(&layer);
    assert!(
        sheet.contains(
            "ask: Did the source assert the claim? (fails, you judged) Is the source honest"
        ),
        "{sheet}"
    );
    assert!(!sheet.contains("position to know whether"), "{sheet}");
    let bare = export::render(&map, Format::Markdown, Options { layer: None });
    assert!(bare.contains("position to know whether"), "{bare}");
    // Every question found answered: nothing to ask, and the sheet says so.
    for key in ["honesty", "assertion"] {
        layer.questions.insert(
            question_key("P1", key),
            Answer {
                verdict: Verdict::Answered,
                paragraph: Some(2),
            },
        );
    }
    assert!(!front(&layer).contains("ask: "));
    let sheet = sheet_of(&layer);
    assert!(
        sheet.contains("every critical question answered"),
        "{sheet}"
    );
}

/// An objection that names its scheme (an argument against the person): its open critical
/// questions are asked of it in the frontlines, and are no weak spot of the case, which it
/// attacks; what answers them (a rebuttal) is said.
#[test]
fn an_objection_with_an_attack_scheme_is_asked_its_questions() {
    let path = std::path::Path::new("tests/fixtures/attack-scheme.toml");
    let map = argwalk::map::loader::load_path(path).unwrap().map.unwrap();
    let o1 = map.find("O1").unwrap();
    let spots = prep::weak_spots(&map, None);
    assert!(
        !spots
            .iter()
            .any(|s| s.node == o1 && s.reasons.contains(&Weakness::OpenQuestion)),
        "{spots:?}"
    );
    let theme = Theme {
        color: false,
        ascii: false,
        plain: true,
    };
    let front: String = argwalk::screen::sheet::frontline_lines(&map, None, &theme, 200)
        .iter()
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(
        front.contains("ask of it: Is character relevant to the question at issue?"),
        "{front}"
    );
    assert!(!front.contains("ask of it: Is the charge"), "{front}");
    // The details say who answers what.
    let details: String = argwalk::screen::sheet::question_lines(&map, o1, &theme, 200)
        .iter()
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(details.contains("(answered by R1)"), "{details}");
    // AIF names the conflict by its scheme, and reads it back.
    let aif = export::render(&map, Format::Aif, Options { layer: None });
    assert!(
        aif.contains("\"text\": \"Argument Against The Person (ethotic)\""),
        "{aif}"
    );
}
