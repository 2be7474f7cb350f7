//! Issue 17.5–8: `argwalk import` from the field's formats, on fixtures written for these tests
//! in each published format (the corpora are not ours to commit): the maps check clean, carry
//! what the source says, list what they cannot carry by its place, and never overwrite; a folder
//! becomes a library; an argwalk map exported to AIF or Argdown and imported back is the same.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use argwalk::interchange::import::{self, From};
use argwalk::map::model::{ArgumentMap, Kind};

mod support;

use support::drawn::{links, maps};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");

fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

fn folder(what: &str) -> PathBuf {
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "argwalk-import-{what}-{}-{}",
        std::process::id(),
        RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Loads a written map as `argwalk check` would: no errors, and the warnings counted.
fn load(path: &Path) -> (ArgumentMap, usize) {
    let l = argwalk::map::loader::load_path(path).unwrap();
    let warnings = l.report.warnings();
    let map = l
        .map
        .unwrap_or_else(|| panic!("{}", l.report.render(false)));
    (map, warnings)
}

fn by_text<'m>(map: &'m ArgumentMap, start: &str) -> &'m argwalk::map::model::Node {
    map.nodes
        .iter()
        .find(|n| n.text.starts_with(start))
        .unwrap_or_else(|| panic!("no node starts {start:?}"))
}

#[test]
fn a_microtext_becomes_a_map_with_its_linked_premises_undercut_and_example() {
    let dir = folder("micro");
    let out = dir.join("m001.toml");
    let done = import::import(&fixture("m001.xml"), From::Microtext, Some(&out)).unwrap();
    assert_eq!(done.maps, vec![out.clone()]);
    assert!(done.lost.is_empty(), "{:?}", done.lost);
    let (map, _) = load(&out);
    assert_eq!(map.source.title, "argwalk_m001: plastic bags");
    let thesis = &map.nodes[map.thesis];
    assert_eq!(thesis.text, "The town should charge for plastic bags.");
    // a2 and a3 (joined by an add edge) support the thesis together.
    let litter = by_text(&map, "Bags litter");
    let cost = by_text(&map, "and cleaning them up");
    assert_eq!(litter.linked.len(), 1);
    assert_eq!(map.nodes[litter.linked[0]].id, cost.id);
    // The example is evidence; the opponent's units are raised by the author.
    assert_eq!(by_text(&map, "Ireland").kind, Kind::Evidence);
    let objection = by_text(&map, "Admittedly");
    assert!(objection.raised && objection.role.attacks());
    // The undercut (of edge c8, a2's support) attacks the step from a2.
    let undercut = by_text(&map, "Of course, litter is not only bags & cups.");
    assert!(undercut.undercuts);
    assert_eq!(map.nodes[undercut.parent.unwrap()].id, litter.id);
    // Every claim quotes itself from the one paragraph the text is.
    assert!(map.nodes.iter().all(|n| n.citations[0].quote.is_some()));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_joint_is_one_claim_and_an_unknown_edge_is_said_at_its_place() {
    let dir = folder("joint");
    let out = dir.join("m002.toml");
    let done = import::import(&fixture("m002.xml"), From::Microtext, Some(&out)).unwrap();
    let (map, _) = load(&out);
    let joint = by_text(
        &map,
        "because they replace short flights and let travellers sleep",
    );
    assert_eq!(joint.citations.len(), 2, "one quote per unit of the joint");
    assert_eq!(done.lost.len(), 1, "{:?}", done.lost);
    assert_eq!(done.lost[0].place, "line 20, column 3");
    assert!(done.lost[0].what.contains("mystery"), "{:?}", done.lost);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_brat_essay_becomes_a_map_with_its_stances_and_paragraphs() {
    let dir = folder("brat");
    let out = dir.join("essay01.toml");
    let done = import::import(&fixture("essay01.ann"), From::Brat, Some(&out)).unwrap();
    let (map, warnings) = load(&out);
    assert_eq!(warnings, 0);
    assert_eq!(
        map.source.title,
        "Should cities ban cars from their centres?"
    );
    assert_eq!(map.source.paragraphs.len(), 4);
    // The major claim, restated in the conclusion, is one thesis citing both places.
    let thesis = &map.nodes[map.thesis];
    assert_eq!(thesis.citations.len(), 2);
    assert_eq!(thesis.citations[1].first, 4);
    let against = by_text(&map, "shop owners fear");
    assert!(against.raised && against.role.attacks());
    let answer = by_text(&map, "studies of pedestrian zones");
    assert_eq!(answer.parent, map.find(&against.id));
    assert_eq!(
        by_text(&map, "Air pollution").parent,
        map.find(&by_text(&map, "a centre without cars").id)
    );
    let places: Vec<&str> = done.lost.iter().map(|l| l.place.as_str()).collect();
    assert_eq!(places, ["line 7", "line 13"], "{:?}", done.lost);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 25.4: an annotation of components only (as two of the three annotators of the essays'
/// agreement study made) loses every premise and claim without `--attach`, said as not
/// carried; with it, each premise sits under the claim of its paragraph and each claim under
/// the major claim, marked as inferred. Issue 25.9: a premise that attacks the author's
/// position is one the author raises.
#[test]
fn brat_components_only_are_placed_when_asked_and_marked_inferred() {
    let dir = folder("attach");
    let ann: String = std::fs::read_to_string(fixture("essay01.ann"))
        .unwrap()
        .lines()
        .filter(|l| l.starts_with('T'))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.join("bare.ann"), &ann).unwrap();
    std::fs::copy(fixture("essay01.txt"), dir.join("bare.txt")).unwrap();
    let plain = import::import(
        &dir.join("bare.ann"),
        From::Brat,
        Some(&dir.join("plain.toml")),
    )
    .unwrap();
    let (map, _) = load(&dir.join("plain.toml"));
    assert_eq!(map.nodes.len(), 1, "only the thesis without --attach");
    assert!(plain.lost.len() >= 5, "{:?}", plain.lost);
    let mut cmd = support::cli::argwalk();
    cmd.args(["import", "--from", "brat", "--attach"])
        .arg(dir.join("bare.ann"))
        .arg("-o")
        .arg(dir.join("attached.toml"));
    let out = support::cli::run(cmd, "");
    assert!(out.status.success(), "{out:?}");
    let (map, _) = load(&dir.join("attached.toml"));
    assert_eq!(map.nodes.len(), 6, "the thesis and every claim and premise");
    let claim = by_text(&map, "a centre without cars");
    assert_eq!(claim.parent, Some(map.thesis));
    let pollution = by_text(&map, "Air pollution");
    assert_eq!(pollution.parent, map.find(&claim.id));
    assert!(
        pollution.tags.iter().any(|t| t == "inferred"),
        "{:?}",
        pollution.tags
    );
    assert!(
        pollution
            .note
            .as_deref()
            .unwrap_or_default()
            .contains("inferred"),
        "{:?}",
        pollution.note
    );
    // In its paragraph the claim is before it: under that claim, not the first of the essay.
    let studies = by_text(&map, "studies of pedestrian zones");
    assert_eq!(studies.parent, map.find(&by_text(&map, "shop owners").id));
    // --attach is brat's only.
    let mut cmd = support::cli::argwalk();
    cmd.args(["import", "--from", "microtext", "--attach"])
        .arg(fixture("m001.xml"))
        .arg("-o")
        .arg(dir.join("m.toml"));
    let out = support::cli::run(cmd, "");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--attach"));
    // A premise attacking the major claim is raised by the author, to answer it.
    let raised = format!("{ann}R1\tattacks Arg1:T6 Arg2:T1\t\nR2\tattacks Arg1:T4 Arg2:T6\t\n");
    std::fs::write(dir.join("raised.ann"), raised).unwrap();
    std::fs::copy(fixture("essay01.txt"), dir.join("raised.txt")).unwrap();
    std::fs::create_dir_all(dir.join("out")).unwrap();
    import::import(
        &dir.join("raised.ann"),
        From::Brat,
        Some(&dir.join("out/raised.toml")),
    )
    .unwrap();
    let (map, _) = load(&dir.join("out/raised.toml"));
    let against = by_text(&map, "studies of pedestrian zones");
    assert!(against.raised && against.role.attacks(), "{against:?}");
    // Its answer is the author's own.
    assert!(!by_text(&map, "streets without engines").raised);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 25.6: a linked attack keeps its co-premise, in one map (it supports the attacker,
/// said so); a central claim annotated as the opponent's is said.
#[test]
fn a_microtext_linked_attack_keeps_its_co_premise_in_one_map() {
    let dir = folder("linked-attack");
    let out = dir.join("m003.toml");
    let done = import::import(&fixture("m003.xml"), From::Microtext, Some(&out)).unwrap();
    assert_eq!(done.maps.len(), 1, "one map: {:?}", done.maps);
    assert!(done.lost.is_empty(), "{:?}", done.lost);
    assert!(
        done.notes.iter().any(|n| n.what.contains("linked attack")),
        "{:?}",
        done.notes
    );
    let (map, _) = load(&out);
    assert_eq!(map.nodes.len(), 5);
    let attacker = by_text(&map, "Some say practice");
    let added = by_text(&map, "and discipline is what school is for.");
    assert_eq!(added.parent, map.find(&attacker.id));
    assert!(
        added
            .note
            .as_deref()
            .unwrap_or_default()
            .contains("linked attack")
    );
    assert!(attacker.raised && attacker.role.attacks());
    // The central claim as the opponent's: carried, and said.
    let xml = std::fs::read_to_string(fixture("m003.xml"))
        .unwrap()
        .replace(
            "<adu id=\"a1\" type=\"pro\"/>",
            "<adu id=\"a1\" type=\"opp\"/>",
        );
    std::fs::write(dir.join("opp.xml"), xml).unwrap();
    let done = import::import(
        &dir.join("opp.xml"),
        From::Microtext,
        Some(&dir.join("opp.toml")),
    )
    .unwrap();
    assert!(
        done.notes
            .iter()
            .any(|n| n.what.contains("central claim") && n.what.contains("opponent")),
        "{:?}",
        done.notes
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_aif_nodeset_with_two_central_claims_gives_two_maps() {
    let dir = folder("aif");
    let out = dir.join("set.toml");
    let done = import::import(&fixture("nodeset01.json"), From::Aif, Some(&out)).unwrap();
    assert_eq!(done.maps, vec![out.clone(), dir.join("set-2.toml")]);
    let (map, _) = load(&out);
    let thesis = &map.nodes[map.thesis];
    assert_eq!(thesis.text, "The library should open on Sundays");
    // One RA with two premises: linked. A CA on it: an undercut.
    let nowhere = by_text(&map, "students have nowhere");
    assert_eq!(nowhere.linked.len(), 1);
    assert!(by_text(&map, "students could work at home").undercuts);
    assert_eq!(
        map.nodes[by_text(&map, "volunteers").parent.unwrap()].text,
        "opening on Sundays costs too much"
    );
    // The locutions are the article: Ann's first turn is paragraph 1, quoted.
    assert!(
        map.source.paragraphs[0]
            .text
            .starts_with("Ann: The library")
    );
    assert_eq!(
        thesis.citations[0].quote.as_ref().unwrap().text,
        "The library should open on Sundays"
    );
    let (second, _) = load(&dir.join("set-2.toml"));
    assert_eq!(
        second.nodes[second.thesis].text,
        "The town should build a second library"
    );
    // Only the rephrase (MA) and the transitions (TA) are not carried, each said: the other
    // root's claims are in the second map.
    assert_eq!(done.lost.len(), 2, "{:?}", done.lost);
    assert!(done.lost.iter().any(|l| l.what.contains("MA node")));
    assert!(done.lost.iter().any(|l| l.what.contains("1 transitions")));
    // Issue 25.6: the speaker of each locution is the claim's `by`; a challenge is said so.
    assert_eq!(
        by_text(&map, "students have nowhere").by.as_deref(),
        Some("Ann")
    );
    let cost = by_text(&map, "opening on Sundays costs too much");
    assert_eq!(cost.by.as_deref(), Some("Bob"));
    assert!(
        cost.note
            .as_deref()
            .unwrap_or_default()
            .contains("challenging")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 25.6: a dialogue nodeset as AIFdb's corpora give it: each locution once though the
/// analyst copied it, its speaker from `locutions` and `participants`; and a nodeset written
/// in columns, read as the same nodeset.
#[test]
fn an_aif_dialogue_reads_each_locution_once_with_its_speaker_and_columns_are_read() {
    let dir = folder("aif-dialogue");
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("nodeset01.json")).unwrap()).unwrap();
    // The analyst's copy of Bob's first turn, asserting the same claim, without the name.
    let nodes = doc["nodes"].as_array_mut().unwrap();
    nodes.push(serde_json::json!({"nodeID": "34", "text": "But opening on Sundays costs too much.", "type": "L"}));
    nodes.push(serde_json::json!({"nodeID": "46", "text": "Asserting", "type": "YA"}));
    let edges = doc["edges"].as_array_mut().unwrap();
    edges.push(serde_json::json!({"edgeID": "90", "fromID": "34", "toID": "46"}));
    edges.push(serde_json::json!({"edgeID": "91", "fromID": "46", "toID": "4"}));
    // Speakers as AIFdb names them: the L-node's person, not its text.
    doc["locutions"] = serde_json::json!([{"nodeID": "32", "personID": "7"}]);
    doc["participants"] =
        serde_json::json!([{"participantID": "7", "firstname": "Ann", "surname": "Lee"}]);
    std::fs::write(dir.join("dialogue.json"), doc.to_string()).unwrap();
    import::import(
        &dir.join("dialogue.json"),
        From::Aif,
        Some(&dir.join("d.toml")),
    )
    .unwrap();
    let (map, _) = load(&dir.join("d.toml"));
    assert_eq!(
        map.source.paragraphs.len(),
        4,
        "the copy is no fifth paragraph"
    );
    assert_eq!(by_text(&map, "volunteers").by.as_deref(), Some("Ann Lee"));
    // The same nodeset in columns.
    let columns = |rows: &serde_json::Value| {
        let mut out = serde_json::Map::new();
        for (k, row) in rows.as_array().unwrap().iter().enumerate() {
            for (key, value) in row.as_object().unwrap() {
                let column = out
                    .entry(key.clone())
                    .or_insert_with(|| serde_json::json!({}));
                column[k.to_string()] = value.clone();
            }
        }
        serde_json::Value::Object(out)
    };
    let columned = serde_json::json!({
        "nodes": columns(&doc["nodes"]),
        "edges": columns(&doc["edges"]),
        "locutions": doc["locutions"],
        "participants": doc["participants"],
    });
    std::fs::write(dir.join("columns.json"), columned.to_string()).unwrap();
    import::import(
        &dir.join("columns.json"),
        From::Aif,
        Some(&dir.join("c.toml")),
    )
    .unwrap();
    let (same, _) = load(&dir.join("c.toml"));
    assert_eq!(shape(&same), shape(&map));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Nothing is ever overwritten: not the map, not its article.
#[test]
fn an_import_never_overwrites() {
    let dir = folder("never");
    let out = dir.join("m001.toml");
    std::fs::write(dir.join("m001.txt"), "mine").unwrap();
    let why = import::import(&fixture("m001.xml"), From::Microtext, Some(&out)).unwrap_err();
    assert!(why.contains("exists already"), "{why}");
    assert!(!out.exists());
    assert_eq!(
        std::fs::read_to_string(dir.join("m001.txt")).unwrap(),
        "mine"
    );
    // Through the command line: exit 2, the message names the file.
    let mut cmd = support::cli::argwalk();
    cmd.args([
        "import",
        fixture("m001.xml").to_str().unwrap(),
        "--from",
        "microtext",
        "-o",
    ])
    .arg(&out);
    let o = support::cli::run(cmd, "");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("m001.txt exists already"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Broken inputs get one clear message with their place, and a non-zero exit.
#[test]
fn broken_inputs_are_refused_with_their_place() {
    let dir = folder("broken");
    let write = |name: &str, text: &str| {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let cases = [
        (
            write(
                "bad.xml",
                "<arggraph id=\"x\">\n  <edu id=\"e1\">oops</adu>\n",
            ),
            From::Microtext,
            "not well-formed XML at line 2",
        ),
        (
            write("other.xml", "<html><body/></html>\n"),
            From::Microtext,
            "no <arggraph> element",
        ),
        (
            write("bad.json", "{\n  \"nodes\": [,\n"),
            From::Aif,
            "not JSON at line 2",
        ),
        (
            write("empty.json", "{\"nodes\": [], \"edges\": []}"),
            From::Aif,
            "no I-node",
        ),
        (
            write("alone.ann", "T1\tMajorClaim 0 4\tword\n"),
            From::Brat,
            "need their text beside them",
        ),
    ];
    for (file, from, message) in cases {
        let why = import::import(&file, from, Some(&dir.join("out.toml"))).unwrap_err();
        assert!(why.contains(message), "{}: {why}", file.display());
        assert!(!dir.join("out.toml").exists());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 17.6: a folder into a library that `--library` opens, with a summary.
#[test]
fn a_folder_becomes_a_library_with_a_summary() {
    let dir = folder("corpus");
    for f in ["m001.xml", "m002.xml"] {
        std::fs::copy(fixture(f), dir.join(f)).unwrap();
    }
    std::fs::write(dir.join("broken.xml"), "<arggraph id=\"b\"><edu").unwrap();
    std::fs::write(dir.join("notes.txt"), "not an input").unwrap();
    let lib = dir.join("library");
    let mut cmd = support::cli::argwalk();
    cmd.args(["import", dir.to_str().unwrap(), "--from", "microtext", "-o"])
        .arg(&lib);
    let o = support::cli::run(cmd, "");
    let said = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "a refused file: exit 1\n{said}");
    assert!(
        said.contains(
            "2 imported as 2 maps (2 with something not carried or a warning), 1 refused"
        ),
        "{said}"
    );
    assert!(
        said.contains("refused: ") && said.contains("broken.xml"),
        "{said}"
    );
    assert!(
        said.contains("not carried: ") && said.contains("mystery"),
        "{said}"
    );
    let mut library = argwalk::screen::library::Picker::new(
        argwalk::team::library::Library::open(&lib, None).unwrap(),
    );
    let names: Vec<&str> = library
        .library
        .entries
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(names, ["m001.toml", "m002.toml"]);
    // Issue 17.10: the library is searched through every map's text and article, typed in
    // the picker: `/`, the words, Enter.
    use argwalk::screen::keymap::Action;
    for a in [Action::StartSearch]
        .into_iter()
        .chain("ninety".chars().map(Action::SearchInput))
        .chain([Action::SearchConfirm])
    {
        library.update(a, 20);
    }
    assert_eq!(library.shown(), [0], "only m001's article says ninety");
    assert_eq!(library.selected_entry().unwrap().name, "m001.toml");
    let backend = ratatui::backend::TestBackend::new(80, 10);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    terminal
        .draw(|f| library.render(f, &argwalk::screen::theme::Theme::FULL))
        .unwrap();
    let screen = argwalk::screen::view::buffer_text(terminal.backend().buffer());
    assert!(screen.contains("1 of 2 maps with \"ninety\""), "{screen}");
    assert!(
        screen.contains("m001.toml") && !screen.contains("m002.toml"),
        "{screen}"
    );
    // A capital matches its case only; words must all be there; no words: every map.
    assert_eq!(library.library.matching("Night trains"), [1]);
    assert!(library.library.matching("night Trains").is_empty());
    library.update(Action::SearchCancel, 20);
    assert_eq!(library.shown(), [0, 1]);
    // A folder needs -o.
    let mut cmd = support::cli::argwalk();
    cmd.args(["import", dir.to_str().unwrap(), "--from", "microtext"]);
    let o = support::cli::run(cmd, "");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("-o"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// What a round trip must keep: each node's id, kind, text, flags and quotes, and every link
/// (an undercut by the step it attacks), with the linked groups.
fn shape(map: &ArgumentMap) -> (BTreeSet<String>, BTreeSet<(String, String, bool)>) {
    let nodes = map
        .nodes
        .iter()
        .map(|n| {
            let quotes: Vec<&str> = n
                .citations
                .iter()
                .filter_map(|c| c.quote.as_ref())
                .map(|q| q.text.as_str())
                .collect();
            let mut group: Vec<&str> = n.linked.iter().map(|&l| map.nodes[l].id.as_str()).collect();
            group.sort_unstable();
            format!(
                "{} {:?} {:?} conceded={} raised={} quotes={quotes:?} with={group:?} label={:?} scheme={:?} answers={:?}",
                n.id, n.kind, n.text, n.conceded, n.raised, n.label, n.scheme, n.answers
            )
        })
        .collect();
    (nodes, links(map))
}

fn round_trip(
    map: &ArgumentMap,
    toml: &str,
    format: argwalk::interchange::export::Format,
    from: From,
) {
    let dir = folder("round");
    let ext = if from == From::Aif { "json" } else { "argdown" };
    let file = dir.join(format!("m.{ext}"));
    std::fs::write(
        &file,
        argwalk::interchange::export::render(
            map,
            format,
            argwalk::interchange::export::Options { layer: None },
        ),
    )
    .unwrap();
    let out = dir.join("back.toml");
    let done = import::import(&file, from, Some(&out)).unwrap_or_else(|e| panic!("{e}\n{toml}"));
    assert!(done.lost.is_empty(), "{:?}\n{toml}", done.lost);
    let (back, _) = load(&out);
    assert_eq!(shape(&back), shape(map), "{from:?} round trip of\n{toml}");
    // Issue 25.6: read back, the map is the map written: `compare` 100%, and its JSON export
    // the same to the byte (title, author, publisher, date, url, paragraphs, every node).
    let json = |m: &ArgumentMap| {
        argwalk::interchange::export::render(
            m,
            argwalk::interchange::export::Format::Json,
            argwalk::interchange::export::Options { layer: None },
        )
    };
    assert_eq!(json(&back), json(map), "{from:?} round trip of\n{toml}");
    let c = argwalk::interchange::compare::compare(&back, map);
    assert!((c.overall - 1.0).abs() < 1e-9, "{from:?}: {}", c.overall);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 17.7: random maps (every relation, hostile text) exported to AIF and imported back.
#[test]
fn aif_round_trips_keep_nodes_kinds_links_and_quotes() {
    let built_in = argwalk::map::loader::load_builtin().map.unwrap();
    round_trip(
        &built_in,
        "the built-in map",
        argwalk::interchange::export::Format::Aif,
        From::Aif,
    );
    for name in [
        "douglass-fourth-of-july",
        "mill-on-liberty-ch2",
        "thoreau-civil-disobedience",
    ] {
        let path = PathBuf::from(format!("argument-maps/{name}.toml"));
        let map = argwalk::map::loader::load_path(&path).unwrap().map.unwrap();
        round_trip(
            &map,
            name,
            argwalk::interchange::export::Format::Aif,
            From::Aif,
        );
    }
    for (toml, map) in maps(24) {
        round_trip(
            &map,
            &toml,
            argwalk::interchange::export::Format::Aif,
            From::Aif,
        );
    }
}

/// The maps that name schemes, of supports and of an attack, with answers to their questions.
const SCHEMED: [&str; 3] = [
    "argument-maps/mill-on-liberty-ch2",
    "argument-maps/thoreau-civil-disobedience",
    "tests/fixtures/attack-scheme",
];

fn schemed(name: &str) -> ArgumentMap {
    let path = PathBuf::from(format!("{name}.toml"));
    argwalk::map::loader::load_path(&path).unwrap().map.unwrap()
}

/// Issue 18: a step's scheme and what answers its critical questions survive AIF: the RA node
/// is named as AIFdb names its schemes ("Argument From Analogy"), with argwalk's key beside;
/// an RA node named so by another tool, without the key, is read as that scheme too.
#[test]
fn aif_carries_schemes_and_answers() {
    let mut schemes = 0;
    for name in SCHEMED {
        let map = schemed(name);
        schemes += map.nodes.iter().filter(|n| n.scheme.is_some()).count();
        round_trip(
            &map,
            name,
            argwalk::interchange::export::Format::Aif,
            From::Aif,
        );
        let aif = argwalk::interchange::export::render(
            &map,
            argwalk::interchange::export::Format::Aif,
            argwalk::interchange::export::Options { layer: None },
        );
        if name.ends_with("thoreau-civil-disobedience") {
            assert!(aif.contains("\"text\": \"Argument From Analogy\""), "{aif}");
        }
    }
    assert!(schemes >= 3);
    // Another tool's RA node named by its scheme only.
    let dir = folder("aif-scheme");
    let file = dir.join("x.json");
    std::fs::write(
        &file,
        r#"{"nodes": [
  {"nodeID": "1", "text": "We should act.", "type": "I"},
  {"nodeID": "2", "text": "Dr Ames, a climatologist, says so.", "type": "I"},
  {"nodeID": "3", "text": "Argument From Expert Opinion", "type": "RA"}],
 "edges": [{"edgeID": "1", "fromID": "2", "toID": "3"}, {"edgeID": "2", "fromID": "3", "toID": "1"}]}"#,
    )
    .unwrap();
    let out = dir.join("x.toml");
    import::import(&file, From::Aif, Some(&out)).unwrap();
    let (back, _) = load(&out);
    let premise = by_text(&back, "Dr Ames");
    assert_eq!(premise.scheme.as_deref(), Some("expert-opinion"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 25.6: front matter as YAML writes it: a list-valued author (block or inline), a
/// date, a url; read into the map's source, not "a bug of argwalk's import".
#[test]
#[ignore = "needs the Argdown CLI (npm install @argdown/cli); CI runs it with --ignored"]
fn argdown_front_matter_with_lists_is_read() {
    let dir = folder("front");
    for (name, author) in [
        ("block", "author:\n  - Ann Lee\n  - Bob Roy\n"),
        ("inline", "author: [Ann Lee, \"Bob Roy\"]\n"),
    ] {
        let file = dir.join(format!("{name}.argdown"));
        std::fs::write(
            &file,
            format!("===\ntitle: Homework\n{author}date: 2021-03-04\nurl: https://example.org/a\n===\n\n[T]: Homework should go.\n  + [P]: Pupils need rest.\n"),
        )
        .unwrap();
        let out = dir.join(format!("{name}.toml"));
        import::import(&file, From::Argdown, Some(&out)).unwrap_or_else(|e| panic!("{e}"));
        let (map, _) = load(&out);
        assert_eq!(map.source.author.as_deref(), Some("Ann Lee, Bob Roy"));
        assert_eq!(map.source.date.as_deref(), Some("2021-03-04"));
        assert_eq!(map.source.url.as_deref(), Some("https://example.org/a"));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 25.6: Argdown as people write it. An argument written as a title and a description
/// is a claim (its title its label, its tags kept); a multi-step argument keeps its
/// intermediate conclusion as a node, each step a linked group of its own, its inference rule
/// said; two arguments sharing a premise stay two inferences. Nothing is lost.
#[test]
#[ignore = "needs the Argdown CLI (npm install @argdown/cli); CI runs it with --ignored"]
fn argdown_arguments_as_people_write_them_are_carried() {
    let dir = folder("argdown-arguments");
    let out = dir.join("arguments.toml");
    let done = import::import(&fixture("arguments.argdown"), From::Argdown, Some(&out))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(done.lost.is_empty(), "{:?}", done.lost);
    let (map, _) = load(&out);
    let id = |start: &str| by_text(&map, start).id.clone();
    let parent = |start: &str| by_text(&map, start).parent.map(|p| map.nodes[p].id.clone());
    let group = |start: &str| {
        let n = by_text(&map, start);
        let mut g: Vec<String> = n
            .linked
            .iter()
            .map(|&l| map.nodes[l].text.clone())
            .collect();
        g.sort();
        g
    };
    // Title and description.
    let tired = by_text(&map, "Homework makes children too tired");
    assert_eq!(tired.label.as_deref(), Some("Tired"));
    assert_eq!(
        parent("Homework makes children too tired"),
        Some("T".into())
    );
    let cheating = by_text(&map, "Parents do the homework anyway.");
    assert!(cheating.role.attacks() && cheating.tags == ["con"]);
    assert_eq!(map.nodes[map.thesis].tags, ["pro"]);
    // The multi-step argument: P1 and P2 give C1; C1 and P3 give T, by modus ponens.
    assert_eq!(parent("Homework costs sleep."), Some("T".into()));
    assert_eq!(
        group("Homework costs sleep."),
        ["Sleep is needed to learn."]
    );
    assert_eq!(
        parent("Homework takes the evening."),
        Some(id("Homework costs sleep."))
    );
    assert_eq!(
        group("Homework takes the evening."),
        ["Children need sleep."]
    );
    assert!(
        map.nodes[map.thesis]
            .note
            .as_deref()
            .unwrap_or_default()
            .contains("Modus ponens")
    );
    // <Other> shares P1: its own inference with Q, P1 written again for it.
    assert_eq!(group("Play is learning too."), ["Children need sleep."]);
    let twice = map
        .nodes
        .iter()
        .filter(|n| n.text == "Children need sleep.")
        .count();
    assert_eq!(twice, 2);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 25.7: an undercut of an argument written as a title and a description (as in the
/// Argdown project's own `legalisation-softdrugs` example) undercuts that argument's step; it
/// was said as "not carried".
#[test]
#[ignore = "needs the Argdown CLI (npm install @argdown/cli); CI runs it with --ignored"]
fn argdown_undercut_of_a_described_argument_is_carried() {
    let dir = folder("argdown-undercut");
    let file = dir.join("undercut.argdown");
    std::fs::write(
        &file,
        "[Ban]: Fireworks should be banned.\n\n<Noise>: Fireworks frighten pets.\n  +> [Ban]\n\n<Rare>: It is two nights a year, so the fright is brief.\n  _> <Noise>\n",
    )
    .unwrap();
    let out = dir.join("undercut.toml");
    let done = import::import(&file, From::Argdown, Some(&out)).unwrap_or_else(|e| panic!("{e}"));
    assert!(done.lost.is_empty(), "{:?}", done.lost);
    let (map, _) = load(&out);
    let noise = by_text(&map, "Fireworks frighten pets.");
    let rare = by_text(&map, "It is two nights a year");
    assert!(rare.undercuts, "an undercut, not an attack");
    assert_eq!(
        rare.parent.map(|p| map.nodes[p].id.clone()),
        Some(noise.id.clone())
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 17.5 and 17.7 through the Argdown CLI: the fixture, and random maps round-tripped.
#[test]
#[ignore = "needs the Argdown CLI (npm install @argdown/cli); CI runs it with --ignored"]
fn argdown_imports_and_round_trips_through_the_argdown_cli() {
    let dir = folder("argdown");
    let out = dir.join("debate01.toml");
    let done = import::import(&fixture("debate01.argdown"), From::Argdown, Some(&out)).unwrap();
    let (map, _) = load(&out);
    assert_eq!(map.source.title, "Four-day week");
    let output = by_text(&map, "Output per hour");
    assert_eq!(
        map.nodes[output.linked[0]].text,
        "The work to do stays the same."
    );
    assert!(by_text(&map, "Staff will just work longer days.").undercuts);
    assert!(by_text(&map, "Clients expect answers").raised);
    assert_eq!(done.lost.len(), 1, "{:?}", done.lost);
    assert!(done.lost[0].what.contains("bears on itself"));
    let _ = std::fs::remove_dir_all(&dir);
    let built_in = argwalk::map::loader::load_builtin().map.unwrap();
    round_trip(
        &built_in,
        "the built-in map",
        argwalk::interchange::export::Format::Argdown,
        From::Argdown,
    );
    for (toml, map) in maps(8) {
        round_trip(
            &map,
            &toml,
            argwalk::interchange::export::Format::Argdown,
            From::Argdown,
        );
    }
    // The maps that name schemes (of supports and of an attack), their answers with them.
    for name in SCHEMED {
        round_trip(
            &schemed(name),
            name,
            argwalk::interchange::export::Format::Argdown,
            From::Argdown,
        );
    }
}

/// Issue 17.8: an AIF graph written by another library (arguebuf, from PyPI), imported: its
/// linked premises, attack, answer and undercut of the inference come through as such.
#[test]
#[ignore = "needs arguebuf (pip install arguebuf; .ci/run makes a venv for it)"]
fn an_aif_graph_written_by_arguebuf_imports() {
    let python = std::env::var("ARGWALK_ARGUEBUF").unwrap_or_else(|_| "python3".into());
    let dir = folder("arguebuf");
    let aif = dir.join("museum.json");
    let made = support::cli::command(&python)
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/peer/arguebuf_make.py"
        ))
        .arg(&aif)
        .output()
        .expect("python runs");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let out = dir.join("museum.toml");
    let done = import::import(&aif, From::Aif, Some(&out)).unwrap();
    assert!(done.lost.is_empty(), "{:?}", done.lost);
    let (map, warnings) = load(&out);
    assert_eq!(warnings, 0);
    assert_eq!(
        map.nodes[map.thesis].text,
        "The museum should be free on Sundays"
    );
    assert_eq!(by_text(&map, "free entry").linked.len(), 1);
    assert!(by_text(&map, "paying for it").undercuts);
    let attack = by_text(&map, "tickets pay");
    assert_eq!(
        by_text(&map, "the city budget").parent,
        map.find(&attack.id)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 24.10: an Argdown hand-in that names another file (`@include(../bob/essay.txt)`,
/// `@include(/etc/hostname)`) is refused at its place, before any tool runs: no other file is
/// read, and the message does not say whether the file named exists. No CLI is needed.
#[test]
fn argdown_include_is_refused_before_anything_runs() {
    let dir = folder("include");
    std::fs::create_dir_all(dir.join("bob")).unwrap();
    std::fs::write(dir.join("bob/essay.txt"), "Bob's secret essay.").unwrap();
    std::fs::create_dir_all(dir.join("alice")).unwrap();
    let hostile = dir.join("alice/hand-in.argdown");
    std::fs::write(
        &hostile,
        "===\ntitle: Mine\n===\n\n@include(../bob/essay.txt)\n  @include(/etc/hostname)\n\n[T]: A claim.\n",
    )
    .unwrap();
    let out = dir.join("alice/hand-in.toml");
    let mut cmd = support::cli::argwalk();
    cmd.args([
        "import",
        hostile.to_str().unwrap(),
        "--from",
        "argdown",
        "-o",
    ])
    .arg(&out)
    // A CLI that would betray any run: there must be none.
    .env("ARGWALK_ARGDOWN", "/nonexistent/argdown-must-not-run");
    let o = support::cli::run(cmd, "");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("@include at 5:1, 6:3 is not read"), "{err}");
    assert!(
        !err.contains("secret") && !err.contains("cannot run"),
        "{err}"
    );
    assert!(!out.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 24.12 and 24.13: the Argdown CLI runs with a time limit in an empty folder of its own:
/// one that never returns (as `{"watch": true}` in an `argdown.config.json` made it) is
/// stopped, said, and leaves no temporary folder. A stand-in CLI that sleeps plays it here.
#[test]
fn a_stalled_argdown_cli_is_stopped() {
    let dir = folder("stalled");
    let cli = dir.join("argdown");
    std::fs::write(&cli, "#!/bin/sh\nexec sleep 30\n").unwrap();
    let mut perms = std::fs::metadata(&cli).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&cli, perms).unwrap();
    let input = dir.join("in.argdown");
    std::fs::write(&input, "[T]: A claim.\n").unwrap();
    // A temporary folder of its own: other tests' imports run beside it.
    let tmp = dir.join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let start = std::time::Instant::now();
    let mut cmd = support::cli::argwalk();
    cmd.args(["import", input.to_str().unwrap(), "--from", "argdown", "-o"])
        .arg(dir.join("in.toml"))
        .env("TMPDIR", &tmp)
        .env("ARGWALK_ARGDOWN", &cli)
        .env("ARGWALK_ARGDOWN_SECONDS", "1");
    let o = support::cli::run(cmd, "");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("ran for 1 s without finishing; argwalk stopped it"),
        "{err}"
    );
    assert!(start.elapsed() < std::time::Duration::from_secs(20));
    assert!(temporaries(&tmp).is_empty(), "a temporary folder was left");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The Argdown working folders in the temporary folder, by name.
fn temporaries(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("argwalk-argdown-"))
        .collect()
}

/// Issue 24.13 through the real CLI: an `argdown.config.json` that asks to watch, beside the
/// input and in the working folder, is not read: the import returns, with its map.
#[test]
#[ignore = "needs the Argdown CLI (npm install @argdown/cli); CI runs it with --ignored"]
fn an_argdown_config_in_the_import_folder_is_not_read() {
    let dir = folder("argdown-config");
    std::fs::write(dir.join("argdown.config.json"), "{\"watch\": true}\n").unwrap();
    std::fs::write(dir.join("argdown.config.js"), "process.exit(7);\n").unwrap();
    std::fs::copy(fixture("debate01.argdown"), dir.join("debate01.argdown")).unwrap();
    let mut cmd = support::cli::argwalk();
    cmd.current_dir(&dir)
        .args([
            "import",
            "debate01.argdown",
            "--from",
            "argdown",
            "-o",
            "debate01.toml",
        ])
        .env(
            "ARGWALK_ARGDOWN",
            std::env::var_os("ARGWALK_ARGDOWN").unwrap_or_else(|| "argdown".into()),
        )
        .env("ARGWALK_ARGDOWN_SECONDS", "60");
    let o = support::cli::run(cmd, "");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(dir.join("debate01.toml").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 24.14: a reversed or empty brat span is named and skipped, with its place; the rest
/// of the annotation is imported (it failed the whole import as "a bug of argwalk's import").
#[test]
fn a_reversed_or_empty_brat_span_is_named_and_skipped() {
    let dir = folder("brat-spans");
    std::fs::copy(fixture("essay01.txt"), dir.join("essay01.txt")).unwrap();
    let ann = std::fs::read_to_string(fixture("essay01.ann")).unwrap()
        + "T8\tPremise 300 290\treversed\nT9\tPremise 300 300\t\n";
    std::fs::write(dir.join("essay01.ann"), ann).unwrap();
    std::fs::create_dir_all(dir.join("out")).unwrap();
    let out = dir.join("out/essay01.toml");
    let done = import::import(&dir.join("essay01.ann"), From::Brat, Some(&out)).unwrap();
    let said: Vec<String> = done
        .lost
        .iter()
        .map(|l| format!("{}: {}", l.place, l.what))
        .collect();
    assert!(
        said.iter()
            .any(|l| l.contains("the span T8 (300–290) is empty or reversed")),
        "{said:?}"
    );
    assert!(said.iter().any(|l| l.contains("the span T9")), "{said:?}");
    let (map, _) = load(&out);
    assert!(
        map.nodes.len() >= 6,
        "the rest is imported: {}",
        map.nodes.len()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 24.5: a folder import killed between a map's article and the map itself, with a
/// temporary file of the killed write left over, is completed by running it again: the map
/// arrives, the article already there (the same words) is not called a clash, and the
/// temporary is cleaned.
#[test]
fn an_interrupted_folder_import_is_completed_by_a_rerun() {
    let dir = folder("rerun");
    for f in ["m001.xml", "m002.xml"] {
        std::fs::copy(fixture(f), dir.join(f)).unwrap();
    }
    let lib = dir.join("library");
    let import = || {
        let mut cmd = support::cli::argwalk();
        cmd.args(["import", dir.to_str().unwrap(), "--from", "microtext", "-o"])
            .arg(&lib);
        support::cli::run(cmd, "")
    };
    let first = import();
    assert_eq!(first.status.code(), Some(0), "{first:?}");
    // As a kill between the two writes leaves it: m002's article, no map, a temporary of a
    // process that is gone.
    std::fs::remove_file(lib.join("m002.toml")).unwrap();
    let stale = lib.join(".m002.toml.tmp-999999-0");
    std::fs::write(&stale, "half a ma").unwrap();
    let again = import();
    let said = String::from_utf8_lossy(&again.stdout);
    assert_eq!(
        again.status.code(),
        Some(0),
        "{said}{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert!(!said.contains("exists already"), "{said}");
    assert!(lib.join("m002.toml").is_file());
    assert!(!stale.exists(), "the temporary of the killed write is left");
    // A file of someone else's at a target is still never overwritten.
    std::fs::remove_file(lib.join("m001.toml")).unwrap();
    std::fs::write(lib.join("m001.txt"), "mine").unwrap();
    let third = import();
    assert_eq!(third.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(lib.join("m001.txt")).unwrap(),
        "mine"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 25.7: `scripts/import-table.py` counts each input itself and holds the binary's maps
/// and words against it: on the fixtures, every relation carried as its type says, the
/// linked attack in a note, the unknown edge said.
#[test]
fn the_import_table_script_measures_the_fixtures() {
    // In the clean environment every test runs argwalk in (never the developer's own config).
    let out = support::cli::command("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scripts/import-table.py"
        ))
        .arg("microtext")
        .arg(FIXTURES)
        .arg(env!("CARGO_BIN_EXE_argwalk"))
        .output()
        .expect("python3 (3.11 or later) runs scripts/import-table.py");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for row in [
        "| sup | 3 | a support | 3 | 0 | 0 |",
        "| reb | 5 | an attack | 5 | 0 | 0 |",
        "| und | 1 | an undercut | 1 | 0 | 0 |",
        "| add (to an attack) | 1 | a support of the attacker | 1 | 0 | 1 |",
        "| mystery | 1 |  |  | 1 | 0 |",
    ] {
        assert!(text.contains(row), "{row} not in\n{text}");
    }
}

/// Issue 25.6: a folder's summary counts every map made, not only the inputs: an input of two
/// arguments not connected to each other is two maps, and the summary says so.
#[test]
fn a_folder_summary_counts_every_map_made() {
    let dir = folder("two-arguments");
    std::fs::write(
        dir.join("two.xml"),
        r#"<?xml version='1.0' encoding='UTF-8'?>
<arggraph id="two" stance="pro">
  <edu id="e1"><![CDATA[Cities should plant more trees.]]></edu>
  <edu id="e2"><![CDATA[Shade cools the streets.]]></edu>
  <edu id="e3"><![CDATA[Libraries should open on Sundays.]]></edu>
  <edu id="e4"><![CDATA[Many people work all week.]]></edu>
  <adu id="a1" type="pro"/>
  <adu id="a2" type="pro"/>
  <adu id="a3" type="pro"/>
  <adu id="a4" type="pro"/>
  <edge id="c1" src="e1" trg="a1" type="seg"/>
  <edge id="c2" src="e2" trg="a2" type="seg"/>
  <edge id="c3" src="e3" trg="a3" type="seg"/>
  <edge id="c4" src="e4" trg="a4" type="seg"/>
  <edge id="c5" src="a2" trg="a1" type="sup"/>
  <edge id="c6" src="a4" trg="a3" type="sup"/>
</arggraph>
"#,
    )
    .unwrap();
    let lib = dir.join("library");
    let mut cmd = support::cli::argwalk();
    cmd.args(["import", dir.to_str().unwrap(), "--from", "microtext", "-o"])
        .arg(&lib);
    let o = support::cli::run(cmd, "");
    let said = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{said}");
    let written = std::fs::read_dir(&lib)
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
        .count();
    assert_eq!(written, 2, "{said}");
    assert!(said.contains("1 imported as 2 maps"), "{said}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// One warning is "1 warning", not "1 warnings".
#[test]
fn one_warning_is_said_in_the_singular() {
    let dir = folder("singular");
    let out = dir.join("m002.toml");
    let mut cmd = support::cli::argwalk();
    cmd.args([
        "import",
        fixture("m002.xml").to_str().unwrap(),
        "--from",
        "microtext",
        "-o",
    ])
    .arg(&out);
    let o = support::cli::run(cmd, "");
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(
        said.contains("argwalk check gives 1 warning: run it to see it."),
        "{said}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 25.7: `scripts/conll-to-brat.py` writes the essays' CoNLL edition back as brat that
/// `argwalk import --from brat` reads: the title and paragraphs where the paragraph edition
/// cuts them (though the essay edition splits a word in two there, as the corpus's does), each
/// span, stance and relation. A fixture of our own.
#[test]
fn the_conll_script_writes_brat_that_imports() {
    let dir = folder("conll");
    let row = |i: usize, word: &str, label: &str| format!("{i}\t{word}\t_\t_\t{label}\n");
    let title = [("Homework", "O"), ("?", "O")];
    let body = [
        ("Homework", "B-MajorClaim"),
        ("should", "I-MajorClaim"),
        ("go", "I-MajorClaim"),
        (".", "O"),
        ("Children", "B-Claim:For"),
        ("need", "I-Claim:For"),
        ("rest", "I-Claim:For"),
        (".", "O"),
        ("Sleep", "B-Premise:-1:Support"),
        ("helps", "I-Premise:-1:Support"),
        ("learning", "I-Premise:-1:Support"),
        (".", "O"),
    ];
    let mut paragraphs = String::new();
    for part in [&title[..], &body[..]] {
        for (i, (w, l)) in part.iter().enumerate() {
            paragraphs.push_str(&row(i + 1, w, l));
        }
        paragraphs.push('\n');
    }
    // The essay edition: the same tokens, one word split in two ("learn" "ing").
    let mut essay = String::new();
    let mut i = 0;
    for (w, l) in title.iter().chain(&body) {
        let pieces: Vec<(&str, &str)> = if *w == "learning" {
            vec![("learn", *l), ("ing", *l)]
        } else {
            vec![(*w, *l)]
        };
        for (w, l) in pieces {
            i += 1;
            essay.push_str(&row(i, w, l));
        }
    }
    essay.push('\n');
    std::fs::write(dir.join("essay.dat"), essay).unwrap();
    std::fs::write(dir.join("paragraph.dat"), paragraphs).unwrap();
    let out_dir = dir.join("brat");
    let out = support::cli::command("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scripts/conll-to-brat.py"
        ))
        .arg(dir.join("essay.dat"))
        .arg(dir.join("paragraph.dat"))
        .arg(&out_dir)
        .output()
        .expect("python3 runs scripts/conll-to-brat.py");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let txt = std::fs::read_to_string(out_dir.join("essay001.txt")).unwrap();
    assert_eq!(
        txt,
        "Homework ?\n\nHomework should go . Children need rest . Sleep helps learn ing .\n"
    );
    let ann = std::fs::read_to_string(out_dir.join("essay001.ann")).unwrap();
    assert!(
        ann.contains("T1\tMajorClaim 12 30\tHomework should go"),
        "{ann}"
    );
    assert!(ann.contains("A1\tStance T2 For"), "{ann}");
    assert!(ann.contains("R1\tsupports Arg1:T3 Arg2:T2"), "{ann}");
    let done = import::import(
        &out_dir.join("essay001.ann"),
        From::Brat,
        Some(&dir.join("essay.toml")),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(done.lost.is_empty(), "{:?}", done.lost);
    let (map, _) = load(&dir.join("essay.toml"));
    assert_eq!(map.nodes[map.thesis].text, "Homework should go");
    let sleep = by_text(&map, "Sleep helps");
    assert_eq!(
        sleep.parent.map(|p| map.nodes[p].text.clone()),
        Some("Children need rest".to_string())
    );
    let _ = std::fs::remove_dir_all(&dir);
}
