//! A flowed round exported: Markdown (speech by speech, each argument with what became of it,
//! then the drops), CSV (an argument a row, for a spreadsheet), JSON (documented, versioned),
//! and a printable sheet (plain text, the speeches side by side as on paper).

use std::fmt::Write;

use unicode_width::UnicodeWidthStr;

use crate::debate::clock::Timer;
use crate::debate::flow::Round;
use crate::debate::grid;
use crate::debate::motion::Motion;
use crate::debate::standing::{self, Standing};
use crate::debate::words;

/// The version of the flow's JSON.
pub const VERSION: u32 = 1;

fn short(motion: &Motion, speech: usize) -> &str {
    motion
        .format
        .speeches
        .get(speech)
        .map_or("?", |s| s.short.as_str())
}

/// How an argument stands, as the CSV and the JSON name it, and the speech that dropped it.
fn standing_of(
    round: &Round,
    motion: &Motion,
    a: &crate::debate::flow::Arg,
) -> (&'static str, Option<String>) {
    match standing::standing(round, &motion.format, a) {
        Standing::Answered(_) => ("answered", None),
        Standing::Dropped(at) => ("dropped", Some(short(motion, at).to_string())),
        Standing::Conceded => ("conceded", None),
        Standing::Waiting => ("waiting", None),
        Standing::Final => ("final", None),
    }
}

fn minutes(ms: u64) -> String {
    let s = ms / 1000;
    format!("{}:{:02}", s / 60, s % 60)
}

/// The round in Markdown: a section per sheet, a list per speech, then the drops and the time
/// each speech took.
pub fn markdown(round: &Round, motion: &Motion) -> String {
    // What the round, its motion and its format say is text, never markup.
    use crate::map::sanitize::markdown as md;
    let f = &motion.format;
    let mut out = format!(
        "# {}\n\n*{}: {} against {}{}*\n",
        md(&motion.text),
        md(&f.name),
        md(&motion.sides[0]),
        md(&motion.sides[1]),
        if round.name.is_empty() {
            String::new()
        } else {
            format!("; round {}", md(&round.name))
        }
    );
    for sheet in 0..2 {
        let _ = writeln!(out, "\n## The {}'s case\n", md(&motion.sides[sheet]));
        let mut any = false;
        for (i, s) in f.speeches.iter().enumerate() {
            let made: Vec<_> = round
                .args
                .iter()
                .filter(|a| a.speech == i && a.sheet == sheet)
                .collect();
            if made.is_empty() {
                continue;
            }
            any = true;
            let _ = writeln!(
                out,
                "### {} ({}, {})\n",
                md(&s.short),
                md(&s.name),
                md(&motion.sides[s.side])
            );
            for a in made {
                let _ = writeln!(out, "- {}", md(&words::argument(round, motion, a)));
            }
            out.push('\n');
        }
        if !any {
            out.push_str("Nothing flowed.\n");
        }
    }
    let _ = writeln!(out, "\n## Drops\n");
    let drops = standing::drops(round, f);
    let _ = writeln!(out, "{}\n", words::drops_heading(drops.len()));
    for d in &drops {
        let _ = writeln!(out, "- {}", md(&words::drop_line(round, motion, d)));
    }
    let _ = writeln!(out, "\n## Time\n");
    for (i, s) in f.speeches.iter().enumerate() {
        let used = round
            .clock
            .used(Timer::Speech(i), crate::debate::clock::now_ms());
        if used > 0 {
            let _ = writeln!(
                out,
                "- {}: {} of {}:00",
                md(&s.short),
                minutes(used),
                s.minutes
            );
        }
    }
    for side in 0..2 {
        let used = round
            .clock
            .used(Timer::Prep(side), crate::debate::clock::now_ms());
        if used > 0 {
            let _ = writeln!(
                out,
                "- {}'s prep: {} of {}:00",
                md(&motion.sides[side]),
                minutes(used),
                f.prep
            );
        }
    }
    out
}

/// A CSV field: quoted when it must be; a leading `=`, `+`, `-` or `@` (which a spreadsheet
/// would run as a formula) behind a `'`.
fn field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The round as CSV: a header, then an argument a row, in the order they were made.
pub fn csv(round: &Round, motion: &Motion) -> String {
    let mut out = String::from(
        "id,speech,speech_name,side,sheet,text,answers,extends,applies,from,source,mark,standing,dropped_in\r\n",
    );
    let f = &motion.format;
    for a in &round.args {
        let s = &f.speeches[a.speech.min(f.speeches.len().saturating_sub(1))];
        let (standing, dropped) = standing_of(round, motion, a);
        let dropped = dropped.unwrap_or_default();
        let n = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_default();
        let row = [
            a.id.to_string(),
            s.short.clone(),
            s.name.clone(),
            motion.sides[s.side].clone(),
            motion.sides[a.sheet.min(1)].clone(),
            a.text.clone(),
            n(a.answers),
            n(a.extends),
            n(a.applies),
            a.from.clone().unwrap_or_default(),
            a.from
                .as_deref()
                .and_then(|from| motion.source(from))
                .map(|s| s.place("¶"))
                .unwrap_or_default(),
            a.mark.map(|m| m.word().to_string()).unwrap_or_default(),
            standing.into(),
            dropped,
        ];
        let row: Vec<String> = row.iter().map(|v| field(v)).collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The round as JSON (`argwalk-flow`, version 1).
pub fn json(round: &Round, motion: &Motion) -> String {
    let f = &motion.format;
    let now = crate::debate::clock::now_ms();
    let speeches: Vec<serde_json::Value> = f
        .speeches
        .iter()
        .enumerate()
        .map(|(i, s)| {
            serde_json::json!({
                "number": i + 1,
                "short": s.short,
                "name": s.name,
                "side": motion.sides[s.side],
                "minutes": s.minutes,
                "flowed": s.flowed,
                "used_ms": round.clock.used(Timer::Speech(i), now),
            })
        })
        .collect();
    let args: Vec<serde_json::Value> = round
        .args
        .iter()
        .map(|a| {
            let (standing, dropped) = standing_of(round, motion, a);
            serde_json::json!({
                "id": a.id,
                "speech": a.speech + 1,
                "speech_short": short(motion, a.speech),
                "sheet": motion.sides[a.sheet.min(1)],
                "text": a.text,
                "answers": a.answers,
                "extends": a.extends,
                "applies": a.applies,
                "from": a.from,
                "source": a.from.as_deref().and_then(|from| motion.source(from)).map(|s| s.said("¶")),
                "mark": a.mark.map(|m| m.word()),
                "standing": standing,
                "dropped_in": dropped,
            })
        })
        .collect();
    let drops: Vec<serde_json::Value> = standing::drops(round, f)
        .iter()
        .map(|d| {
            serde_json::json!({
                "id": d.id,
                "dropped_in": short(motion, d.speech),
                "extended_in": d.extended_in.iter().map(|&s| short(motion, s)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let doc = serde_json::json!({
        "format": "argwalk-flow",
        "version": VERSION,
        "motion": motion.text,
        "debate_format": f.name,
        "sides": motion.sides,
        "round": round.name,
        "current_speech": round.speech + 1,
        "speeches": speeches,
        "prep_ms": [round.clock.used(Timer::Prep(0), now), round.clock.used(Timer::Prep(1), now)],
        "arguments": args,
        "drops": drops,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// How wide a column of the printable sheet is.
const PRINT_COLUMN: usize = 24;

/// Wraps `text` to `width` columns at spaces (a word longer than a line is cut).
fn wrapped(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word = word.to_string();
        while word.width() > width {
            let mut cut = String::new();
            for c in word.chars() {
                if (cut.clone() + &c.to_string()).width() > width {
                    break;
                }
                cut.push(c);
            }
            if cut.is_empty() {
                break;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            word = word[cut.len()..].to_string();
            lines.push(cut);
        }
        if line.is_empty() {
            line = word;
        } else if line.width() + 1 + word.width() <= width {
            line.push(' ');
            line.push_str(&word);
        } else {
            lines.push(std::mem::replace(&mut line, word));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(s.width())))
}

/// The printable sheet: each side's sheet as plain text columns, a speech each, every argument
/// whole beside what it answers, drops marked in words; then the drops listed.
pub fn sheet(round: &Round, motion: &Motion) -> String {
    let f = &motion.format;
    let mut out = format!(
        "{}\n{}: {} against {}\n",
        motion.text, f.name, motion.sides[0], motion.sides[1]
    );
    for side in 0..2 {
        let g = grid::grid(round, f, side);
        let _ = writeln!(out, "\nTHE {}'S CASE\n", motion.sides[side].to_uppercase());
        let heads: Vec<String> = g
            .columns
            .iter()
            .map(|&s| {
                pad(
                    &format!(
                        "{} ({})",
                        f.speeches[s].short, motion.sides[f.speeches[s].side]
                    ),
                    PRINT_COLUMN,
                )
            })
            .collect();
        let _ = writeln!(out, "{}", heads.join(" | ").trim_end());
        let _ = writeln!(
            out,
            "{}",
            vec!["-".repeat(PRINT_COLUMN); g.columns.len()].join("-+-")
        );
        for row in 0..g.rows {
            let cells: Vec<Vec<String>> = (0..g.columns.len())
                .map(|col| {
                    g.cells
                        .iter()
                        .find(|c| c.row == row && c.col == col)
                        .and_then(|c| round.get(c.id))
                        .map(|a| {
                            let mark = match standing::standing(round, f, a) {
                                Standing::Dropped(_) => " DROPPED",
                                Standing::Conceded => " conceded",
                                _ => "",
                            };
                            let turn = if a.mark == Some(crate::debate::flow::Mark::Turned) {
                                " TURN"
                            } else {
                                ""
                            };
                            wrapped(
                                &format!("{}{mark}{turn}: {}", a.id, words::text_of(round, a)),
                                PRINT_COLUMN,
                            )
                        })
                        .unwrap_or_default()
                })
                .collect();
            let height = cells.iter().map(Vec::len).max().unwrap_or(0);
            for line in 0..height {
                let parts: Vec<String> = cells
                    .iter()
                    .map(|c| pad(c.get(line).map_or("", String::as_str), PRINT_COLUMN))
                    .collect();
                let _ = writeln!(out, "{}", parts.join(" | ").trim_end());
            }
            let _ = writeln!(out);
        }
        if g.cells.is_empty() {
            out.push_str("Nothing flowed.\n");
        }
    }
    let _ = writeln!(out, "\n{}", words::drops(round, motion));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_field_is_quoted_and_never_a_formula() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("-1"), "'-1");
    }

    #[test]
    fn the_printable_sheet_wraps_at_words_and_cuts_a_long_one() {
        assert_eq!(wrapped("one two three", 7), ["one two", "three"]);
        assert_eq!(wrapped("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrapped("", 4), [""]);
    }
}
