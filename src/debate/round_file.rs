//! The flow file (`NAME.flow.toml`): a round as TOML a person can read and write, read with
//! every mistake at its place, and written back whole. Arguments and speeches are counted from
//! 1 in the file, as a debater counts them.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use crate::map::diagnostic::{Report, SourceFile};

use super::clock::{Clock, Timer};
use super::flow::{Arg, Draft, DraftKind, Mark, Round};
use super::format::Format;
use super::motion::{self, Motion};
use super::read::{At, Reader};

/// Whether `text` is a flow file (a `[round]` table).
pub fn is_flow(text: &str) -> bool {
    text.lines().any(|l| l.trim() == "[round]")
}

/// The most arguments a flow file may hold: far beyond any round, and bounded for a hostile one.
pub const MOST_ARGS: usize = 20_000;

const ROUND_KEYS: &[&str] = &["motion", "name", "speech"];
const CLOCK_KEYS: &[&str] = &["speech_ms", "prep_ms", "running", "since_ms"];
const DRAFT_KEYS: &[&str] = &["kind", "sheet", "to", "text"];
const ARG_KEYS: &[&str] = &[
    "id", "speech", "sheet", "text", "answers", "extends", "applies", "from", "mark",
];

/// A flow read: the round, and the motion it is on.
pub struct Flowed {
    pub round: Round,
    pub motion: Motion,
    /// The motion's file.
    pub motion_path: PathBuf,
}

impl Flowed {
    /// Where argument `id` was pulled from, and that source opened ([`super::words::opened`]):
    /// the claim, its quote, its paragraphs. `None` when it was not pulled from the case.
    pub fn opened(&self, id: u32) -> Option<(String, Vec<String>)> {
        let from = self.round.get(id)?.from.clone()?;
        let dir = self.motion_path.parent().unwrap_or(Path::new("."));
        let lines = super::words::opened(&self.motion, dir, &from);
        Some((from, lines))
    }
}

/// Where a flow's motion is: its name, beside the flow or absolute; within `confine` when one
/// is given (a restricted session's library), or said why not.
pub fn motion_path(dir: &Path, name: &str, confine: Option<&Path>) -> Result<PathBuf, String> {
    let path = Path::new(name);
    let full = if path.is_absolute() {
        path.to_path_buf()
    } else {
        dir.join(path)
    };
    if let Some(root) = confine {
        let inside = std::fs::canonicalize(&full)
            .ok()
            .zip(std::fs::canonicalize(root).ok())
            .is_some_and(|(f, r)| f.starts_with(r));
        if !inside {
            return Err(format!("the motion `{name}` is not in the library"));
        }
    }
    if !full.is_file() {
        return Err(format!("there is no motion `{name}`"));
    }
    Ok(full)
}

/// Reads a flow file's text (from `dir`): the round and its motion, or every mistake.
pub fn read(
    name: &str,
    text: &str,
    dir: &Path,
    confine: Option<&Path>,
) -> (Option<Flowed>, Report) {
    let file = SourceFile::new(name, text);
    let (doc, errors) = DeTable::parse_recoverable(&file.text);
    let mut r = Reader::new(&file);
    r.syntax(&errors);
    let doc = doc.get_ref();
    r.unknown_keys(doc, &["round", "clock", "draft", "argument"], "a flow");
    let mut head = None;
    match r.table(doc, "round", "[round]") {
        None => {
            let d = file
                .error(0..0, "a flow file has no [round] table")
                .help("begin with `[round]` and the `motion` it flows: `motion = \"homework.motion.toml\"`")
                .done();
            r.diags.push(d);
        }
        Some((t, at)) => {
            r.unknown_keys(t, ROUND_KEYS, "[round]");
            let m = r.string(t, &at, "motion", true, "\"homework.motion.toml\"");
            let title = r.string(t, &at, "name", false, "\"Practice round\"");
            let speech = r.number(t, &at, "speech", 1..=200, false);
            let read = m
                .as_ref()
                .and_then(|m| read_motion(&mut r, m, dir, confine));
            if let (Some(m), Some((motion, path))) = (m, read) {
                let n = motion.format.speeches.len();
                let speech = match speech {
                    Some(s) if usize::try_from(s.value).is_ok_and(|v| v <= n) => {
                        usize::try_from(s.value - 1).unwrap_or(0)
                    }
                    Some(s) => {
                        r.error(
                            s.span,
                            format!("the {} has {n} speeches", motion.format.name),
                            format!("write a speech's number, from 1 to {n}"),
                        );
                        0
                    }
                    None => Round::new(String::new(), String::new(), &motion.format).speech,
                };
                head = Some((
                    m.value,
                    title.map(|t| t.value).unwrap_or_default(),
                    speech,
                    motion,
                    path,
                ));
            }
        }
    }
    let Some((motion_name, title, speech, motion, path)) = head else {
        let diagnostics = std::mem::take(&mut r.diags);
        return (None, Report { file, diagnostics });
    };
    let format = motion.format.clone();
    let clock = read_clock(&mut r, doc, &format);
    let args = read_args(&mut r, doc, &format);
    let draft = read_draft(&mut r, doc, &args);
    let diagnostics = std::mem::take(&mut r.diags);
    let errors = diagnostics.iter().any(|d| d.is_error());
    let round = Round {
        motion: motion_name,
        name: title,
        args,
        speech,
        clock,
        draft,
    };
    let flowed = (!errors).then_some(Flowed {
        round,
        motion,
        motion_path: path,
    });
    (flowed, Report { file, diagnostics })
}

/// The motion a flow names (`m`), read from beside the flow (within `confine`), and where;
/// why not, said at its place.
fn read_motion(
    r: &mut Reader<'_>,
    m: &At<String>,
    dir: &Path,
    confine: Option<&Path>,
) -> Option<(motion::Motion, std::path::PathBuf)> {
    let read = motion_path(dir, &m.value, confine).and_then(|p| match motion::load(&p) {
        Ok((Some(motion), _)) => Ok((motion, p)),
        Ok((None, report)) => Err(format!(
            "the motion `{}` has {} errors: argwalk check {} shows them",
            m.value,
            report.errors(),
            m.value
        )),
        Err(e) => Err(format!("{e:#}")),
    });
    match read {
        Ok(found) => Some(found),
        Err(why) => {
            r.error(
                m.span.clone(),
                why,
                "name the motion's file, beside the flow".into(),
            );
            None
        }
    }
}

/// The text at `key`, empty allowed (an extension may add no words).
fn text(r: &mut Reader<'_>, t: &DeTable<'_>, key: &str) -> String {
    match t.iter().find(|(k, _)| k.get_ref() == key).map(|(_, v)| v) {
        None => String::new(),
        Some(v) => match v.get_ref() {
            DeValue::String(s) => crate::map::sanitize::clean(s),
            _ => {
                r.error(
                    v.span(),
                    format!("`{key}` must be a text"),
                    format!("write `{key} = \"…\"`"),
                );
                String::new()
            }
        },
    }
}

fn read_clock(r: &mut Reader<'_>, doc: &DeTable<'_>, format: &Format) -> Clock {
    let mut clock = Clock::new(format.speeches.len());
    let Some((t, at)) = r.table(doc, "clock", "[clock]") else {
        return clock;
    };
    r.unknown_keys(t, CLOCK_KEYS, "[clock]");
    let ms = |v: i64| u64::try_from(v).unwrap_or(0);
    if let Some(used) = r.numbers(t, "speech_ms", 0..=i64::from(u32::MAX)) {
        for (slot, v) in clock.speech.iter_mut().zip(used) {
            *slot = ms(v);
        }
    }
    if let Some(used) = r.numbers(t, "prep_ms", 0..=i64::from(u32::MAX)) {
        for (slot, v) in clock.prep.iter_mut().zip(used) {
            *slot = ms(v);
        }
    }
    let running = r.string(t, &at, "running", false, "\"speech 3\"");
    let since = r.number(t, &at, "since_ms", 0..=i64::MAX, false);
    if let Some(running) = running {
        let words: Vec<&str> = running.value.split_whitespace().collect();
        let n = words
            .get(1)
            .and_then(|w| w.parse::<usize>().ok())
            .and_then(|n| n.checked_sub(1));
        let timer = match (words.first().copied(), n) {
            (Some("speech"), Some(i)) if i < format.speeches.len() => Some(Timer::Speech(i)),
            (Some("prep"), Some(side)) if side < 2 => Some(Timer::Prep(side)),
            _ => None,
        };
        match (timer, since) {
            (Some(timer), Some(since)) => clock.running = Some((timer, ms(since.value))),
            (None, _) => r.error(
                running.span,
                format!("no clock `{}`", running.value),
                "write `running = \"speech N\"` (a speech's number) or `\"prep 1\"` or `\"prep 2\"`"
                    .into(),
            ),
            (Some(_), None) => r.error(
                running.span,
                "a running clock says when it started".into(),
                "add `since_ms`, the milliseconds since 1970 when it started".into(),
            ),
        }
    }
    clock
}

fn read_args(r: &mut Reader<'_>, doc: &DeTable<'_>, format: &Format) -> Vec<Arg> {
    let n = i64::try_from(format.speeches.len()).unwrap_or(1);
    let mut args: Vec<Arg> = Vec::new();
    // Each id's line, to say where it was first used.
    let mut ids: BTreeMap<u32, usize> = BTreeMap::new();
    let tables = r.tables(doc, "argument");
    if tables.len() > MOST_ARGS {
        let span = tables[MOST_ARGS].1.clone();
        r.error(
            span,
            format!("a flow holds at most {MOST_ARGS} arguments"),
            "split the round into flows of their own".into(),
        );
        return args;
    }
    for (t, at) in tables {
        r.unknown_keys(t, ARG_KEYS, "[[argument]]");
        let id = r.number(t, &at, "id", 1..=i64::from(u32::MAX), true);
        let speech = r.number(t, &at, "speech", 1..=n, true);
        let sheet = r.number(t, &at, "sheet", 1..=2, true);
        let words = text(r, t, "text");
        let mut link = |key: &str| r.number(t, &at, key, 1..=i64::from(u32::MAX), false);
        let answers = link("answers");
        let extends = link("extends");
        let applies = link("applies");
        let from = r.string(t, &at, "from", false, "\"A2\"").map(|f| f.value);
        let mark = r.string(t, &at, "mark", false, "\"conceded\"");
        let mark = mark.and_then(|m| mark_of(r, m));
        let (Some(id), Some(speech), Some(sheet)) = (id, speech, sheet) else {
            continue;
        };
        let number = u32::try_from(id.value).unwrap_or(0);
        let line = r.file.position(id.span.start).0;
        if let Some(&first) = ids.get(&number) {
            used_twice(r, &id, number, first);
            continue;
        }
        ids.insert(number, line);
        let speech_ix = usize::try_from(speech.value - 1).unwrap_or(0);
        let sheet_ix = usize::try_from(sheet.value - 1).unwrap_or(0);
        let side = format.speeches[speech_ix].side;
        // What it hangs beside must come before it, and be said by the right side: so a flow
        // has no circle, and its drops are what they seem.
        let mut parent = |key: &str, at: Option<At<i64>>, same_side: bool| -> Option<u32> {
            let at = at?;
            let target = u32::try_from(at.value).unwrap_or(0);
            let Some(t) = args.iter().find(|a| a.id == target) else {
                r.error(
                    at.span,
                    format!("no argument {target} before this one"),
                    format!("`{key}` names an argument written above it, by its id"),
                );
                return None;
            };
            let their = format.speeches[t.speech].side;
            let right = if same_side {
                their == side
            } else {
                their != side
            };
            if !right || t.speech >= speech_ix || (key != "applies" && t.sheet != sheet_ix) {
                let what = match key {
                    "answers" => {
                        "an answer answers an argument of the other side, made in an earlier speech on the same sheet"
                    }
                    "extends" => {
                        "an extension carries an argument of its own side, from an earlier speech on the same sheet"
                    }
                    _ => "a cross-application applies an earlier argument of its own side",
                };
                r.error(
                    at.span,
                    format!("argument {number} cannot `{key}` argument {target}"),
                    what.into(),
                );
                return None;
            }
            Some(target)
        };
        let answers = parent("answers", answers, false);
        let extends = parent("extends", extends, true);
        let applies = parent("applies", applies, true);
        args.push(Arg {
            id: number,
            speech: speech_ix,
            sheet: sheet_ix,
            text: words,
            answers,
            extends,
            applies,
            from,
            mark,
        });
    }
    args
}

/// An argument's mark: `conceded` or `turned`; anything else is said at its place.
fn mark_of(r: &mut Reader<'_>, m: At<String>) -> Option<Mark> {
    match m.value.as_str() {
        "conceded" => Some(Mark::Conceded),
        "turned" => Some(Mark::Turned),
        _ => {
            r.error(
                m.span,
                format!("no mark `{}`", m.value),
                "write `mark = \"conceded\"` or `mark = \"turned\"`".into(),
            );
            None
        }
    }
}

/// Says that argument id `number` (at `id`) was used before, at line `first`.
fn used_twice(r: &mut Reader<'_>, id: &At<i64>, number: u32, first: usize) {
    let d = r
        .file
        .error(
            id.span.clone(),
            format!("the argument id {number} is used twice"),
        )
        .note(format!("first at line {first}"))
        .help("give each argument a number of its own")
        .done();
    r.diags.push(d);
}

fn read_draft(r: &mut Reader<'_>, doc: &DeTable<'_>, args: &[Arg]) -> Option<Draft> {
    let (t, at) = r.table(doc, "draft", "[draft]")?;
    r.unknown_keys(t, DRAFT_KEYS, "[draft]");
    let kind = r.string(t, &at, "kind", true, "\"add\"")?;
    let words = text(r, t, "text");
    let target = |r: &mut Reader<'_>| {
        let n = r.number(t, &at, "to", 1..=i64::from(u32::MAX), true)?;
        let id = u32::try_from(n.value).ok()?;
        args.iter().any(|a| a.id == id).then_some(id)
    };
    let kind = match kind.value.as_str() {
        "add" => {
            let sheet = r.number(t, &at, "sheet", 1..=2, true)?;
            DraftKind::Add {
                sheet: usize::try_from(sheet.value - 1).unwrap_or(0),
            }
        }
        "answer" => DraftKind::Answer { to: target(r)? },
        "extend" => DraftKind::Extend { of: target(r)? },
        "edit" => DraftKind::Edit { id: target(r)? },
        _ => {
            r.error(
                kind.span,
                format!("no kind of cell `{}`", kind.value),
                "write `kind = \"add\"`, \"answer\", \"extend\" or \"edit\"".into(),
            );
            return None;
        }
    };
    Some(Draft { kind, text: words })
}

/// A TOML string of `s`.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The round as a flow file, every value in it: what [`read`] reads back the same.
pub fn write(round: &Round, format: &Format) -> String {
    let mut out = String::from(
        "# A flowed round: `argwalk flow FILE` opens it, `argwalk export FILE --to markdown` prints it.\n\n[round]\n",
    );
    let _ = writeln!(out, "motion = {}", quoted(&round.motion));
    if !round.name.is_empty() {
        let _ = writeln!(out, "name = {}", quoted(&round.name));
    }
    let _ = writeln!(
        out,
        "speech = {} # the {}",
        round.speech + 1,
        format
            .speeches
            .get(round.speech)
            .map_or("", |s| s.short.as_str())
    );
    let c = &round.clock;
    if c.running.is_some() || c.speech.iter().any(|&u| u > 0) || c.prep.iter().any(|&u| u > 0) {
        let list = |v: &[u64]| v.iter().map(u64::to_string).collect::<Vec<_>>().join(", ");
        let _ = writeln!(out, "\n[clock]\nspeech_ms = [{}]", list(&c.speech));
        let _ = writeln!(out, "prep_ms = [{}]", list(&c.prep));
        if let Some((timer, since)) = c.running {
            let name = match timer {
                Timer::Speech(i) => format!("speech {}", i + 1),
                Timer::Prep(side) => format!("prep {}", side + 1),
            };
            let _ = writeln!(out, "running = {}\nsince_ms = {since}", quoted(&name));
        }
    }
    if let Some(d) = &round.draft {
        let (kind, key, n) = match d.kind {
            DraftKind::Add { sheet } => ("add", "sheet", sheet as u64 + 1),
            DraftKind::Answer { to } => ("answer", "to", u64::from(to)),
            DraftKind::Extend { of } => ("extend", "to", u64::from(of)),
            DraftKind::Edit { id } => ("edit", "to", u64::from(id)),
        };
        let _ = writeln!(
            out,
            "\n[draft]\nkind = \"{kind}\"\n{key} = {n}\ntext = {}",
            quoted(&d.text)
        );
    }
    for a in &round.args {
        let _ = writeln!(
            out,
            "\n[[argument]]\nid = {}\nspeech = {} # {}\nsheet = {}\ntext = {}",
            a.id,
            a.speech + 1,
            format
                .speeches
                .get(a.speech)
                .map_or("", |s| s.short.as_str()),
            a.sheet + 1,
            quoted(&a.text)
        );
        for (key, v) in [
            ("answers", a.answers),
            ("extends", a.extends),
            ("applies", a.applies),
        ] {
            if let Some(v) = v {
                let _ = writeln!(out, "{key} = {v}");
            }
        }
        if let Some(f) = &a.from {
            let _ = writeln!(out, "from = {}", quoted(f));
        }
        if let Some(m) = a.mark {
            let _ = writeln!(out, "mark = \"{}\"", m.word());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::debate::flow::Op;

    fn shipped_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("argument-maps")
    }

    #[test]
    fn a_round_written_reads_back_the_same() {
        let dir = shipped_dir();
        let text = "[round]\nmotion = \"dissent.motion.toml\"\n";
        let (flowed, report) = read("r.flow.toml", text, &dir, None);
        assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
        let Flowed {
            mut round, motion, ..
        } = flowed.unwrap();
        let f = &motion.format;
        round
            .apply(
                f,
                Op::Add {
                    sheet: 0,
                    text: "a \"quoted\"\nline".into(),
                    from: Some("A1".into()),
                },
                0,
            )
            .unwrap();
        let next = round.next_speech(f).unwrap();
        round.apply(f, Op::Speech(next), 5).unwrap();
        round
            .apply(
                f,
                Op::Answer {
                    to: 1,
                    text: "no".into(),
                    from: None,
                },
                0,
            )
            .unwrap();
        round
            .apply(
                f,
                Op::Mark {
                    id: 2,
                    mark: Mark::Turned,
                },
                0,
            )
            .unwrap();
        round.apply(f, Op::Clock(Timer::Speech(0)), 1_000).unwrap();
        round
            .apply(
                f,
                Op::Draft(Some(Draft {
                    kind: DraftKind::Answer { to: 2 },
                    text: "half typed".into(),
                })),
                0,
            )
            .unwrap();
        let written = write(&round, f);
        let (again, report) = read("r.flow.toml", &written, &dir, None);
        assert_eq!(report.errors(), 0, "{written}\n{:?}", report.diagnostics);
        assert_eq!(again.unwrap().round, round);
    }

    #[test]
    fn each_mistake_of_a_flow_file_at_its_place() {
        let dir = shipped_dir();
        let text = "[round]\nmotion = \"dissent.motion.toml\"\nspeech = 99\n\n[[argument]]\nid = 1\nspeech = 1\nsheet = 1\ntext = \"x\"\nmark = \"won\"\n\n[[argument]]\nid = 2\nspeech = 1\nsheet = 1\nanswers = 1\n\n[[argument]]\nid = 1\nspeech = 2\nsheet = 1\nanswers = 7\ncolour = \"red\"\n";
        let (flowed, report) = read("r.flow.toml", text, &dir, None);
        assert!(flowed.is_none());
        let said: Vec<(usize, usize, String)> = report
            .diagnostics
            .iter()
            .map(|d| (d.line, d.column, d.message.clone()))
            .collect();
        let expect = [
            (3, 10, "the World Schools has 8 speeches"),
            (10, 8, "no mark `won`"),
            (16, 11, "argument 2 cannot `answers` argument 1"),
            (19, 6, "the argument id 1 is used twice"),
            (23, 1, "unknown key `colour` in [[argument]]"),
        ];
        for (line, col, message) in expect {
            assert!(
                said.iter()
                    .any(|(l, c, m)| *l == line && *c == col && m.starts_with(message)),
                "{line}:{col} {message} not in {said:?}"
            );
        }
        assert_eq!(said.len(), expect.len(), "{said:?}");
    }

    #[test]
    fn a_motion_outside_the_library_is_refused_when_confined() {
        let dir = shipped_dir();
        let text = "[round]\nmotion = \"../Cargo.toml\"\n";
        let (flowed, report) = read("r.flow.toml", text, &dir, Some(&dir));
        assert!(flowed.is_none());
        assert!(
            report.diagnostics[0].message.contains("not in the library"),
            "{:?}",
            report.diagnostics
        );
    }
}
